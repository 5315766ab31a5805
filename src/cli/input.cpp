// Reading inputs: files or standard input, then the report in whatever format it is.
#include "cli.hpp"

#include <xxgk/text.hpp>

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

namespace {

std::string in(xxgk::language lang, std::string_view zh, std::string_view en) {
    return std::string(lang == xxgk::language::zh ? zh : en);
}

// The system's reason, in Chinese for the errors people meet reading files.
std::string system_reason(int error, xxgk::language lang) {
    if (lang == xxgk::language::zh) switch (error) {
        case ENOENT: return "文件不存在";
        case EACCES:
        case EPERM: return "没有读取权限";
        case ELOOP: return "链接层数过多";
        case ENAMETOOLONG: return "文件名过长";
        case EIO: return "输入输出错误";
        case ENOTDIR: return "路径中有一项不是目录";
        default: break;
        }
    return std::strerror(error);
}

std::string too_large(xxgk::language lang) {
    const std::string limit = std::to_string(xxgk::max_document_size);
    return lang == xxgk::language::zh ? "输入超过 " + limit + " 字节的上限" : "input exceeds the limit of " + limit + " bytes";
}

// Reads at most max_document_size bytes and one more, so an endless or huge input (/dev/zero) stops.
std::string read_bounded(std::istream &stream, xxgk::language lang) {
    std::string content;
    char buffer[1 << 16];
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
        content.append(buffer, static_cast<std::size_t>(stream.gcount()));
        if (content.size() > xxgk::max_document_size) throw input_error{too_large(lang)};
    }
    if (stream.bad()) throw input_error{in(lang, "无法读取标准输入", "cannot read standard input")};
    return content;
}

}  // namespace

namespace {

// Closes the descriptor however reading ends.
struct descriptor {
    int fd;
    ~descriptor() { ::close(fd); }
};

}  // namespace

std::string read_input(const std::string &path, xxgk::language lang) {
    if (path == "-") return read_bounded(std::cin, lang);
    // A batch reads every file twice: plain system calls into a string of the file's size, rather than a
    // stream growing a string 64 KiB at a time. Special files (size 0: pipes, /dev/zero) read until the end.
    const descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    struct stat st {};
    if (file.fd < 0) {
        const int error = errno;
        // A directory a batch could not list is taken as a file, to be reported here.
        const bool directory = ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        throw input_error{(directory ? in(lang, "无法打开目录：", "cannot open directory: ")
                                     : in(lang, "无法打开文件：", "cannot open file: ")) +
                          system_reason(error, lang)};
    }
    if (::fstat(file.fd, &st) != 0)
        throw input_error{in(lang, "无法读取文件：", "cannot read file: ") + system_reason(errno, lang)};
    if (S_ISDIR(st.st_mode)) throw input_error{in(lang, "目录的内容无法列出", "a directory that could not be listed")};
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
        const ssize_t got = ::read(file.fd, content.data() + size, content.size() - size);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw input_error{in(lang, "无法读取文件：", "cannot read file: ") + system_reason(errno, lang)};
        if (got == 0) break;
        size += static_cast<std::size_t>(got);
    }
    if (size > xxgk::max_document_size) throw input_error{too_large(lang)};
    content.resize(size);
    return content;
}

xxgk::read_result read_report(std::string_view content, const std::string &path,
                              std::optional<xxgk::input_format> format, xxgk::language lang) {
    xxgk::read_error error;
    auto r = xxgk::read_report(content, {.format = format, .file_name = path}, error);
    if (!r) throw input_error{error.describe(lang)};
    return std::move(*r);
}

xxgk::read_result load_report(const std::string &path, std::optional<xxgk::input_format> format,
                              xxgk::language lang) {
    return read_report(read_input(path, lang), path, format, lang);
}

}  // namespace xxgk::cli
