// PDF → laid-out text through a pdftotext child process: no shell, arguments as a vector, the PDF in a
// private temporary file (mkstemp, mode 0600), stdout and stderr captured through pipes with a size bound
// and a deadline. Errors are named from what can be known for sure: the bytes themselves (no `%PDF-`
// header, no `%%EOF` at the end), pdftotext's exit status and stderr (password, permissions), and an
// output without a single printed character (a scanned PDF).
#include "pdf_reader.hpp"

#include "layout_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace xxgk::read {
namespace {

[[noreturn]] void fail(std::string message) { throw read_exception(read_error{"PDF: " + std::move(message), {}}); }

/// A file descriptor closed on scope exit.
class descriptor {
public:
    descriptor() = default;
    explicit descriptor(int fd) : fd_(fd) {}
    descriptor(descriptor &&other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    descriptor &operator=(descriptor &&other) noexcept {
        reset();
        fd_ = std::exchange(other.fd_, -1);
        return *this;
    }
    ~descriptor() { reset(); }
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

/// The PDF's bytes in a private temporary file, removed on scope exit.
class temporary_file {
public:
    explicit temporary_file(std::string_view bytes) {
        const char *dir = std::getenv("TMPDIR");
        path_ = std::string(dir && *dir ? dir : "/tmp") + "/xxgk-pdf-XXXXXX";
        descriptor fd(::mkstemp(path_.data()));
        if (fd.get() < 0) fail("cannot create a temporary file in " + path_.substr(0, path_.rfind('/')) + ": " + std::strerror(errno));
        created_ = true;
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) fail("cannot write the temporary file " + path_ + ": " + std::strerror(errno));
            done += static_cast<std::size_t>(n);
        }
    }
    temporary_file(const temporary_file &) = delete;
    temporary_file &operator=(const temporary_file &) = delete;
    ~temporary_file() {
        if (created_) ::unlink(path_.c_str());
    }
    const std::string &path() const { return path_; }

private:
    std::string path_;
    bool created_ = false;
};

struct child_result {
    int status = 0;
    std::string out, err;
};

// Runs `argv` with stdin from /dev/null, collecting stdout and stderr; kills it on timeout or when stdout
// grows past the bound.
child_result run(const std::vector<std::string> &argv, const pdf_options &options) {
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) fail(std::string("cannot create a pipe: ") + std::strerror(errno));
    descriptor out_read(out_pipe[0]), out_write(out_pipe[1]);
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) fail(std::string("cannot create a pipe: ") + std::strerror(errno));
    descriptor err_read(err_pipe[0]), err_write(err_pipe[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
    posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
    std::vector<char *> args;
    for (const std::string &a : argv) args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned == ENOENT)
        fail(argv[0] + " not found: install poppler-utils (Debian: apt-get install poppler-utils) to read PDF files");
    if (spawned != 0) fail("cannot run " + argv[0] + ": " + std::strerror(spawned));
    out_write.reset();
    err_write.reset();

    child_result result;
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    std::string problem;
    char buffer[65536];
    while (out_read.get() >= 0 || err_read.get() >= 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            problem = argv[0] + " did not finish within " + std::to_string(options.timeout.count() / 1000) + " s";
            break;
        }
        pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}};
        const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) {
            problem = std::string("poll failed: ") + std::strerror(errno);
            break;
        }
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            descriptor &fd = k == 0 ? out_read : err_read;
            if (n <= 0) {
                fd.reset();
                continue;
            }
            std::string &sink = k == 0 ? result.out : result.err;
            if (k == 1 && sink.size() > 65536) continue;  // keep the start of a flood of warnings
            sink.append(buffer, static_cast<std::size_t>(n));
        }
        if (result.out.size() > options.max_output) {
            problem = argv[0] + " printed more than " + std::to_string(options.max_output) + " bytes of text";
            break;
        }
    }
    if (!problem.empty()) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!problem.empty()) fail(problem);
    result.status = status;
    return result;
}

std::string first_line(std::string_view s) {
    while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.remove_prefix(1);
    return std::string(s.substr(0, std::min(s.find('\n'), std::size_t{200})));
}

bool has_printed_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t'; });
}

}  // namespace

std::string layout_text_of_pdf(std::string_view bytes, const pdf_options &options) {
    if (bytes.empty()) fail("the file is empty");
    if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
        fail("not a PDF file (no %PDF- header at the start)");
    // Every complete PDF ends with %%EOF (incremental updates too); writers may add a little after it.
    if (bytes.substr(bytes.size() - std::min<std::size_t>(bytes.size(), 4096)).find("%%EOF") == std::string_view::npos)
        fail("truncated file: no %%EOF marker at the end (" + std::to_string(bytes.size()) + " bytes); download it again");
    temporary_file file(bytes);
    const child_result r = run({options.program, "-layout", "-enc", "UTF-8", "-eol", "unix", file.path(), "-"}, options);
    const std::string reason = first_line(r.err);
    if (r.err.find("Incorrect password") != std::string::npos)
        fail("encrypted: a password is needed to open this file; save an unprotected copy and read that");
    if (r.err.find("Copying of text from this document is not allowed") != std::string::npos ||
        (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3))
        fail("encrypted: its permissions forbid copying text (" + reason + ")");
    if (!WIFEXITED(r.status)) fail(options.program + " crashed on this file (signal " + std::to_string(WTERMSIG(r.status)) + "); the file is probably corrupt");
    if (WEXITSTATUS(r.status) != 0)
        fail("corrupt or damaged file: " + options.program + " could not read it (" + (reason.empty() ? "exit status " + std::to_string(WEXITSTATUS(r.status)) : reason) + ")");
    if (!has_printed_character(r.out)) {
        const auto pages = std::count(r.out.begin(), r.out.end(), '\f');
        fail("scanned PDF: no text layer (" + std::to_string(pages) + (pages == 1 ? " page" : " pages") +
             " of images only); OCR is needed before it can be read");
    }
    return r.out;
}

document read_pdf(std::string_view bytes, const pdf_options &options) {
    return read_layout_text(layout_text_of_pdf(bytes, options));
}

}  // namespace xxgk::read
