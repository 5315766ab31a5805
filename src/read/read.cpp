// Format detection and dispatch to the readers.
#include <xxgk/read.hpp>

#include <xxgk/position.hpp>

#include "crawled_text.hpp"
#include "document.hpp"
#include "encoding.hpp"
#include "layout_reader.hpp"
#include "office_reader.hpp"
#include "pdf_reader.hpp"
#include "text_reader.hpp"
// Readers written alongside the dispatch: wired in when their headers are in the tree.
#if __has_include("docx_reader.hpp")
#include "docx_reader.hpp"
#define XXGK_HAVE_DOCX_READER 1
#endif
#if __has_include("html_reader.hpp")
#include "html_reader.hpp"
#define XXGK_HAVE_HTML_READER 1
#endif
#ifdef XXGK_HAVE_OCR
#include "ocr_reader.hpp"
#endif
#if __has_include("markdown_reader.hpp")
#include "markdown_reader.hpp"
#define XXGK_HAVE_MARKDOWN_READER 1
#endif

#include <algorithm>
#include <new>

namespace xxgk {

namespace {

bool ends_with_any(std::string_view name, std::initializer_list<std::string_view> exts) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return std::any_of(exts.begin(), exts.end(), [&](std::string_view e) { return std::string_view(lower).ends_with(e); });
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c != prefix[i]) return false;
    }
    return true;
}

// Markdown as PDF converters emit it: `#` headings or pipe tables with a `|---|` separator line.
bool looks_like_markdown(std::string_view s) {
    int headings = 0, separators = 0;
    for (std::size_t at = 0; at < s.size();) {
        std::size_t end = s.find('\n', at);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view line = s.substr(at, end - at);
        if (line.starts_with("# ") || line.starts_with("## ") || line.starts_with("### ")) ++headings;
        if (line.starts_with("|-") || line.starts_with("| -") || line.starts_with("|:-")) ++separators;
        at = end + 1;
    }
    return separators > 0 || headings >= 2;
}

// The format of decoded text (UTF-8 without a BOM), by its structure first: JSON, HTML, laid-out
// text (pdftotext's form feeds), Markdown (pipe-table separator lines or headings); then the file name's
// extension; else text.
input_format sniff_text(std::string_view text, std::string_view file_name) noexcept {
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
    const std::string_view s = text.substr(std::min(i, text.size()));
    if (s.starts_with('{')) return input_format::json;
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<table", "<div", "<p>", "<p ", "<meta",
                                 "<!--", "<?xml"})
        if (starts_with_ci(s, tag)) return input_format::html;
    const std::string_view head = s.substr(0, 1 << 20);
    // pdftotext ends every page with a form feed; Tika and crawlers never write one.
    if (head.find('\f') != std::string_view::npos) return input_format::layout;
    if (looks_like_markdown(head)) return input_format::markdown;
    if (ends_with_any(file_name, {".json"})) return input_format::json;
    if (ends_with_any(file_name, {".html", ".htm", ".xhtml"})) return input_format::html;
    if (ends_with_any(file_name, {".docx"})) return input_format::docx;
    if (ends_with_any(file_name, {".pdf"})) return input_format::pdf;
    if (ends_with_any(file_name, {".doc", ".wps"})) return input_format::doc;
    if (ends_with_any(file_name, {".rtf"})) return input_format::rtf;
    if (ends_with_any(file_name, {".odt"})) return input_format::odt;
    if (ends_with_any(file_name, {".png", ".jpg", ".jpeg", ".tif", ".tiff"})) return input_format::image;
    if (ends_with_any(file_name, {".md", ".markdown"})) return input_format::markdown;
    if (ends_with_any(file_name, {".layout", ".layout.txt"})) return input_format::layout;
    return input_format::text;
}

// The format a binary document announces by its first bytes, if any.
std::optional<input_format> sniff_binary(std::string_view bytes) noexcept {
    switch (read::office_kind_of(bytes)) {
    case read::office_kind::word97: return input_format::doc;
    case read::office_kind::rtf: return input_format::rtf;
    case read::office_kind::odt: return input_format::odt;
    case read::office_kind::none: break;
    }
    if (bytes.starts_with("PK\x03\x04")) return input_format::docx;
    if (bytes.starts_with("%PDF")) return input_format::pdf;
    for (std::string_view magic : {std::string_view("\x89PNG\r\n\x1a\n"), std::string_view("\xFF\xD8\xFF"),
                                   std::string_view("II*\0", 4), std::string_view("MM\0*", 4)})
        if (bytes.starts_with(magic)) return input_format::image;
    return std::nullopt;
}

}  // namespace

input_format sniff_format(std::string_view bytes, std::string_view file_name) noexcept {
    if (auto binary = sniff_binary(bytes)) return *binary;
    // Text is sniffed after decoding (UTF-16 hides every sign below); undecodable bytes as they are.
    try {
        read_error ignored;
        if (auto text = read::to_utf8(bytes.substr(0, 1 << 20), ignored)) return sniff_text(*text, file_name);
    } catch (...) {
    }
    return sniff_text(bytes, file_name);
}

namespace {

// The text of a document as UTF-8, or an error naming the byte offset; `checked` tells whether it was
// UTF-8 already (then to_utf8 has found it well-formed and without NUL bytes, as the readers would).
std::optional<std::string> text_of(std::string_view bytes, read_error &error, bool &checked) {
    read::text_encoding encoding{};
    auto text = read::to_utf8(bytes, error, &encoding);
    checked = encoding == read::text_encoding::utf8 || encoding == read::text_encoding::utf8_bom;
    return text;
}

// Well-formed UTF-8 without a byte order mark or a NUL byte: text to_utf8 would return unchanged.
bool is_plain_utf8(std::string_view bytes) {
    return !bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF") && !bytes.starts_with("\xEF\xBB\xBF") &&
           bytes.find('\0') == std::string_view::npos && !invalid_utf8_at(bytes);
}

// A document with neither a section heading nor a table is not a report (or was cut off before one).
bool looks_empty(const read_result &r) {
    std::size_t missing = 0;
    for (const diagnostic &d : r.diagnostics)
        missing += d.which == rule::doc_table_missing || d.which == rule::doc_section_missing;
    return missing >= 3 + 6;
}

#ifdef XXGK_HAVE_OCR
constexpr bool ocr_built = true;
#else
constexpr bool ocr_built = false;  // a page image is then named as a picture that cannot be read
#endif

// Formats whose readers take the bytes as they are, not decoded text.
bool is_binary(input_format format) {
    return format == input_format::docx || format == input_format::pdf || format == input_format::doc ||
           format == input_format::rtf || format == input_format::odt || format == input_format::image;
}

// Reads a document; `decoded` is its text as UTF-8 when the caller has decoded it already.
std::optional<read_result> read_document(std::string_view bytes, input_format format, std::optional<std::string> text,
                                         bool checked, read_error &error) {
    std::optional<read::document> doc;
    std::optional<read::crawled_metadata> meta;
    if (!is_binary(format) && !text) {
        text = text_of(bytes, error, checked);
        if (!text) return std::nullopt;
    }
    try {
        switch (format) {
        case input_format::text:
            // Tika's layout (table cells on tab-led lines) has a reader of its own; any other plain text is
            // read as a stream of labels and values, whatever separates its cells.
            if (read::is_tika_text(*text)) {
                doc = read::read_tika_text(*text);
            } else {
                read::crawled_page page = read::read_crawled_page(*text);
                doc = std::move(page.doc);
                meta = std::move(page.meta);
            }
            break;
#ifdef XXGK_HAVE_MARKDOWN_READER
        case input_format::markdown: doc = read::read_markdown(*text, checked); break;
#endif
#ifdef XXGK_HAVE_HTML_READER
        case input_format::html: doc = read::read_html(*text, checked); break;
#endif
#ifdef XXGK_HAVE_DOCX_READER
        case input_format::docx: doc = read::read_docx(bytes); break;
#endif
        case input_format::layout: doc = read::read_layout_text(*text, checked); break;
#ifdef XXGK_HAVE_OCR
        case input_format::pdf:
            try {
                doc = read::read_pdf(bytes);
                read::read_wrapped_tables(bytes, *doc);   // values wrapped in their cells: by the rules
                read::add_pictured_tables(bytes, *doc);
            } catch (const read::scanned_pdf &e) {  // no text layer: its pages are pictures
                doc = read::read_scanned_pdf(bytes);
                if (doc->blocks.empty()) {
                    read_error why = e.error();
                    why.detail += "; OCR found no text in its pages";
                    throw read_exception(std::move(why));
                }
            }
            break;
        case input_format::image: doc = read::read_page_images(bytes); break;
#else
        case input_format::pdf:
            doc = read::read_pdf(bytes);
            read::unread_numbers_needing_rules(bytes, *doc);  // values wrapped in their cells: no rules to place them
            break;
#endif
        case input_format::doc: doc = read::read_office_document(bytes, read::office_kind::word97); break;
        case input_format::rtf: doc = read::read_office_document(bytes, read::office_kind::rtf); break;
        case input_format::odt: doc = read::read_office_document(bytes, read::office_kind::odt); break;
        default: break;
        }
    } catch (const read_exception &e) {
        error = e.error();
        return std::nullopt;
    }
    if (!doc) {
        error = read_error{error_code::format_unavailable, std::string(name(format))};
        return std::nullopt;
    }
    read_result r = read::map_document(*doc, format);
    if (meta) {
        if (!r.value.title && meta->title) r.value.title = meta->title;
        if (!r.value.agency && meta->agency) r.value.agency = meta->agency;
        if (!r.value.published && meta->published) r.value.published = meta->published;
    }
    if (looks_empty(r)) {
        error = read_error{error_code::no_report, std::string(name(format))};
        return std::nullopt;
    }
    return r;
}

}  // namespace

namespace {

// read_report without its catch of std::bad_alloc, which it throws.
std::optional<read_result> read_any(std::string_view bytes, const read_options &options, read_error &error) {
    try {
        if (bytes.size() > max_document_size) {
            error = read_error{error_code::too_large,
                               std::to_string(bytes.size()) + " > " + std::to_string(max_document_size) + " bytes"};
            return std::nullopt;
        }
        // Text is decoded once, before its structure is sniffed (UTF-16 and GB18030 hide it).
        input_format format{};
        std::optional<std::string> text;
        bool checked = false;
        // Binary files no reader takes would fall to `text` (or `docx`, for any ZIP): name what they are
        // instead of failing to decode them as text.
        if (!options.format) {
            const auto binary = sniff_binary(bytes);
            if (!binary || *binary == input_format::docx || (*binary == input_format::image && !ocr_built))
                if (const std::string kind = read::foreign_file_kind(bytes); !kind.empty()) {
                    error = read_error{error_code::foreign_file, kind};
                    return std::nullopt;
                }
        }
        if (options.format) format = *options.format;
        else if (auto binary = sniff_binary(bytes)) format = *binary;
        else if (is_plain_utf8(bytes)) {
            // What to_utf8 would return, without copying: JSON is read from the bytes themselves.
            checked = true;
            format = sniff_text(bytes, options.file_name);
            if (format != input_format::json) text = std::string(bytes);
        } else {
            read_error undecodable;
            text = text_of(bytes, undecodable, checked);
            format = sniff_text(text ? std::string_view(*text) : bytes, options.file_name);
            if (!text && !is_binary(format) && format != input_format::json) {
                error = std::move(undecodable);
                return std::nullopt;
            }
        }
        if (format != input_format::json) return read_document(bytes, format, std::move(text), checked, error);
        // JSON named by the caller is decoded only when a byte order mark says it is not plain UTF-8; JSON
        // that does not decode goes to the JSON parser, whose error says where.
        if (!text && (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") || bytes.starts_with("\xEF\xBB\xBF"))) {
            text = text_of(bytes, error, checked);
            if (!text) return std::nullopt;
        }
        // Built in place: a report is 18 KB of cells to move.
        std::optional<read_result> result(std::in_place);
        result->format = input_format::json;
        if (!detail::parse_report_into(text ? std::string_view(*text) : bytes, result->value, error, checked))
            return std::nullopt;
        check_sections(result->value, result->diagnostics);
        return result;
    } catch (const std::bad_alloc &) {
        throw;
    } catch (const std::exception &e) {
        error = read_error{error_code::internal, e.what()};
    }
    return std::nullopt;
}

}  // namespace

std::optional<read_result> read_report(std::string_view bytes, const read_options &options, read_error &error) noexcept {
    try {
        return read_any(bytes, options, error);
    } catch (const std::bad_alloc &) {
        error = read_error{error_code::out_of_memory};
    }
    return std::nullopt;
}

read_result read_report(std::string_view bytes, const read_options &options) {
    read_error error;
    auto r = read_any(bytes, options, error);
    if (!r) throw read_exception(std::move(error));
    return std::move(*r);
}

}  // namespace xxgk
