// Reading inputs: files or standard input, then the report in whatever format it is.
#include "cli.hpp"

#include <xxgk/utf8.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace xxgk::cli {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (std::size_t at; (at = s.find(sep)) != std::string_view::npos; s.remove_prefix(at + 1))
        parts.push_back(s.substr(0, at));
    parts.push_back(s);
    return parts;
}

std::string escaped(std::string_view s) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    auto escape = [&](unsigned char c) { out += {'\\', 'x', digits[c >> 4], digits[c & 0xF]}; };
    while (!s.empty()) {
        const std::size_t valid = xxgk::invalid_utf8_at(s).value_or(s.size());
        for (std::size_t i = 0; i < valid; ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            const bool c1 = c == 0xC2 && i + 1 < valid && static_cast<unsigned char>(s[i + 1]) < 0xA0;
            if (c == '\\') out += "\\\\";
            else if (c < 0x20 || c == 0x7F) escape(c);
            else if (c1) escape(c), escape(static_cast<unsigned char>(s[++i]));
            else out += static_cast<char>(c);
        }
        if (valid == s.size()) break;
        escape(static_cast<unsigned char>(s[valid]));
        s.remove_prefix(valid + 1);
    }
    return out;
}

bool argument_reader::next() {
    while (next_ < list_.size()) {
        const std::string_view a = list_[next_++];
        if (!ended_ && a == "--") {
            ended_ = true;
            continue;
        }
        option_ = !ended_ && a.size() > 1 && a.starts_with('-');
        name_ = a;
        attached_.reset();
        if (const std::size_t eq = a.find('='); option_ && a.starts_with("--") && eq != std::string_view::npos) {
            name_ = a.substr(0, eq);
            attached_ = a.substr(eq + 1);
        }
        return true;
    }
    return false;
}

bool argument_reader::flag(std::string_view option) const {
    if (!option_ || name_ != option) return false;
    if (attached_) throw usage_error{"option " + std::string(option) + " takes no value"};
    return true;
}

std::string_view argument_reader::value() {
    if (attached_) return *attached_;
    if (next_ >= list_.size()) throw usage_error{"option " + std::string(name_) + " needs a value"};
    return list_[next_++];
}

// Reads at most max_document_size bytes and one more, so an endless or huge input (/dev/zero) stops.
static std::string read_bounded(std::istream &in) {
    std::string content;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        content.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (content.size() > xxgk::max_document_size)
            throw input_error{"input exceeds the limit of " + std::to_string(xxgk::max_document_size) + " bytes"};
    }
    if (in.bad()) throw input_error{"cannot read file"};
    return content;
}

namespace {

// Closes the descriptor however reading ends.
struct descriptor {
    int fd;
    ~descriptor() { ::close(fd); }
};

}  // namespace

std::string read_input(const std::string &path) {
    if (path == "-") return read_bounded(std::cin);
    // A batch reads every file twice: plain system calls into a string of the file's size, rather than a
    // stream growing a string 64 KiB at a time. Special files (size 0: pipes, /dev/zero) read until the end.
    const descriptor in{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    struct stat st {};
    if (in.fd < 0) {
        const int error = errno;
        // A directory a batch could not list is taken as a file, to be reported here.
        const bool directory = ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        throw input_error{(directory ? "cannot open directory: " : "cannot open file: ") + std::string(std::strerror(error))};
    }
    if (::fstat(in.fd, &st) != 0) throw input_error{"cannot read file: " + std::string(std::strerror(errno))};
    if (S_ISDIR(st.st_mode)) throw input_error{"a directory that could not be listed"};
    std::string content;
    std::size_t size = 0;
    content.resize(S_ISREG(st.st_mode) && st.st_size > 0
                       ? std::min(static_cast<std::size_t>(st.st_size), xxgk::max_document_size) + 1
                       : std::size_t{1} << 16);
    for (;;) {
        if (size == content.size()) {
            if (size > xxgk::max_document_size) break;
            content.resize(std::min(2 * size, xxgk::max_document_size + 1));
        }
        const ssize_t got = ::read(in.fd, content.data() + size, content.size() - size);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw input_error{"cannot read file"};
        if (got == 0) break;
        size += static_cast<std::size_t>(got);
    }
    if (size > xxgk::max_document_size)
        throw input_error{"input exceeds the limit of " + std::to_string(xxgk::max_document_size) + " bytes"};
    content.resize(size);
    return content;
}

xxgk::read_result load_report(const std::string &path, std::optional<xxgk::input_format> format) {
    const std::string content = read_input(path);
    xxgk::read_error error;
    auto r = xxgk::read_report(content, {.format = format, .file_name = path}, error);
    if (!r) throw input_error{error.describe()};
    return std::move(*r);
}

}  // namespace xxgk::cli
