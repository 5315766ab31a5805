// Standard output of `xxgk`: written through a buffer that keeps the first write error, so a command whose
// output was lost (a full disk, /dev/full, a closed descriptor) says so and exits 2 instead of 0.
#include "cli.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>

#include <fcntl.h>
#include <unistd.h>

namespace xxgk::cli {

namespace {

// Writes to a descriptor in blocks; after the first failure it discards the rest and keeps the errno.
class descriptor_buffer final : public std::streambuf {
public:
    void attach(int fd, bool closed) {
        fd_ = fd;
        closed_ = closed;
        setp(buffer_, buffer_ + sizeof buffer_);
    }
    /// The errno of the first failed write (EBADF when the descriptor was closed), or 0.
    int error() const { return error_; }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        const char *p = pbase();
        if (closed_ && p < pptr() && !error_) error_ = EBADF;
        while (!error_ && p < pptr()) {
            const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) error_ = n < 0 ? errno : EIO;
            else p += n;
        }
        setp(buffer_, buffer_ + sizeof buffer_);
        return !error_;
    }

    int fd_ = STDOUT_FILENO;
    bool closed_ = false;
    int error_ = 0;
    char buffer_[1 << 16];
};

descriptor_buffer standard_buffer;

// Opens /dev/null on descriptor `fd` when it is closed; returns whether it was.
bool reopen_if_closed(int fd) {
    if (::fcntl(fd, F_GETFD) >= 0 || errno != EBADF) return false;
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0 && null != fd) {
        ::dup2(null, fd);
        ::close(null);
    }
    return true;
}

}  // namespace

standard_output::standard_output() {
    reopen_if_closed(STDIN_FILENO);
    const bool closed = reopen_if_closed(STDOUT_FILENO);
    reopen_if_closed(STDERR_FILENO);
    standard_buffer.attach(STDOUT_FILENO, closed);
    previous_ = std::cout.rdbuf(&standard_buffer);
}

standard_output::~standard_output() {
    std::cout.flush();
    std::cout.rdbuf(previous_);
}

void check_standard_output(bool flush) {
    if (flush) std::cout.flush();
    if (const int e = standard_buffer.error())
        throw output_error{e == EBADF ? std::string("cannot write standard output: it is closed")
                                      : "cannot write standard output: " + std::string(std::strerror(e))};
}

}  // namespace xxgk::cli
