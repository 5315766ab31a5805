// Reading inputs: files or standard input, then the report in whatever format it is.
#include "cli.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

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

std::string read_input(const std::string &path) {
    if (path == "-") return read_bounded(std::cin);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error{"cannot open file"};
    return read_bounded(in);
}

xxgk::read_result load_report(const std::string &path, std::optional<xxgk::input_format> format) {
    const std::string content = read_input(path);
    xxgk::read_error error;
    auto r = xxgk::read_report(content, {.format = format, .file_name = path}, error);
    if (!r) throw input_error{error.describe()};
    return std::move(*r);
}

}  // namespace xxgk::cli
