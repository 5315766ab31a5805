// Reading inputs: files or standard input, then the report in whatever format it is.
#include "cli.hpp"

#include <algorithm>
#include <cerrno>
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
    if (in.fd < 0) throw input_error{"cannot open file"};
    struct stat st {};
    if (::fstat(in.fd, &st) != 0) throw input_error{"cannot read file"};
    if (S_ISDIR(st.st_mode)) throw input_error{"cannot read file"};
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
