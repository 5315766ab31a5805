// Encoding detection and conversion with glibc's iconv.
#include "encoding.hpp"

#include <cerrno>
#include <iconv.h>

namespace xxgk::read {

namespace {

// Converts with iconv; on failure returns nothing and sets `bad_offset` to the input offset of the first
// byte iconv could not convert.
std::optional<std::string> convert(std::string_view bytes, const char *from, std::size_t &bad_offset) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        bad_offset = 0;
        return std::nullopt;
    }
    std::string out(bytes.size() * 2 + 16, '\0');
    char *in = const_cast<char *>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t done = 0;
    std::optional<std::string> result;
    for (;;) {
        char *dst = out.data() + done;
        std::size_t out_left = out.size() - done;
        const std::size_t rc = iconv(cd, in_left ? &in : nullptr, &in_left, &dst, &out_left);
        done = out.size() - out_left;
        if (rc != static_cast<std::size_t>(-1)) {
            if (in_left == 0) {
                out.resize(done);
                result = std::move(out);
                break;
            }
            continue;
        }
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        bad_offset = bytes.size() - in_left;  // EILSEQ or EINVAL (truncated sequence at the end)
        break;
    }
    iconv_close(cd);
    return result;
}

// Number of multi-byte UTF-8 sequences in the well-formed prefix bytes[0, end).
std::size_t multibyte_utf8_before(std::string_view bytes, std::size_t end) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < end; ++i) n += static_cast<unsigned char>(bytes[i]) >= 0xC2;
    return n;
}

}  // namespace

std::string_view encoding_name(text_encoding e) noexcept {
    switch (e) {
    case text_encoding::utf8: return "UTF-8";
    case text_encoding::utf8_bom: return "UTF-8 (BOM)";
    case text_encoding::utf16le: return "UTF-16LE";
    case text_encoding::utf16be: return "UTF-16BE";
    case text_encoding::gb18030: return "GB18030";
    }
    return "?";
}

std::optional<std::string> to_utf8(std::string_view bytes, read_error &error, text_encoding *detected) {
    auto set = [&](text_encoding e) {
        if (detected) *detected = e;
    };
    std::optional<std::string> text;
    std::size_t bad = 0;
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        const bool le = bytes[0] == '\xFF';
        set(le ? text_encoding::utf16le : text_encoding::utf16be);
        text = convert(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", bad);
        if (!text) {
            error = read_error{error_code::invalid_utf16, le ? "UTF-16LE" : "UTF-16BE", {}, bad + 2};
            return std::nullopt;
        }
    } else if (bytes.starts_with("\xEF\xBB\xBF")) {
        set(text_encoding::utf8_bom);
        bytes.remove_prefix(3);
        if (auto at = invalid_utf8_at(bytes)) {
            error = read_error{error_code::invalid_utf8, "UTF-8 BOM", {}, *at + 3};
            return std::nullopt;
        }
        text = std::string(bytes);
    } else if (auto at = invalid_utf8_at(bytes)) {
        // GB18030 text hardly ever holds runs of well-formed multi-byte UTF-8; UTF-8 cut short or damaged
        // does, and would otherwise "convert" into GB18030 mojibake.
        const std::size_t before = multibyte_utf8_before(bytes, *at);
        const bool truncated = bytes.size() - *at < 4 && before > 0;
        if (truncated || before >= 8) {
            error = read_error{truncated ? error_code::truncated : error_code::invalid_utf8, "UTF-8", {}, *at};
            return std::nullopt;
        }
        set(text_encoding::gb18030);
        text = convert(bytes, "GB18030", bad);
        if (!text) {
            error = read_error{error_code::undecodable, "GB18030: " + std::to_string(bad), {}, *at};
            return std::nullopt;
        }
    } else {
        set(text_encoding::utf8);
        text = std::string(bytes);
    }
    if (const auto nul = text->find('\0'); nul != std::string::npos) {
        error = read_error{error_code::nul_byte, {}, {}, nul};
        return std::nullopt;
    }
    return text;
}

}  // namespace xxgk::read
