// PDF → laid-out text through a pdftotext child process (child_process.hpp: no shell, bounded in time,
// memory and output, killed with its caller), the PDF in a private temporary directory. Errors are named
// from what can be known for sure: the bytes themselves (no `%PDF-` header, no `%%EOF` at the end),
// pdftotext's exit status and stderr (password, permissions), and an output without a single printed
// character (a scanned PDF).
#include "pdf_reader.hpp"

#include "child_process.hpp"
#include "layout_reader.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <sys/wait.h>

namespace xxgk::read {
namespace {

[[noreturn]] void fail(error_code code, std::string detail = {}) { throw read_exception(code, "PDF" + (detail.empty() ? "" : ": " + detail)); }

std::string first_line(std::string_view s) {
    while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.remove_prefix(1);
    return std::string(s.substr(0, std::min(s.find('\n'), std::size_t{200})));
}

bool has_printed_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t'; });
}

// What pdftotext prints for the PDF with `arguments` (before the file name), or the reader's error.
std::string pdftotext_output(std::string_view bytes, const pdf_options &options, std::vector<std::string> arguments) {
    if (bytes.empty()) fail(error_code::empty, "the file is empty");
    if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
        fail(error_code::wrong_format, "not a PDF: no %PDF- header");
    // Every complete PDF ends with %%EOF (incremental updates too); writers may add a little after it.
    if (bytes.substr(bytes.size() - std::min<std::size_t>(bytes.size(), 4096)).find("%%EOF") == std::string_view::npos)
        fail(error_code::truncated, "no %%EOF, " + std::to_string(bytes.size()) + " bytes");
    child_result r;
    try {
        const temporary_directory dir;
        const std::string pdf = dir.write_file("input.pdf", bytes);
        arguments.insert(arguments.begin(), options.program);
        arguments.insert(arguments.end(), {pdf, "-"});
        child_command command{std::move(arguments), dir.path(), {{"TMPDIR", dir.path()}},
                              "install poppler-utils (Debian: apt-get install poppler-utils) to read PDF files"};
        r = run_child(command, {options.timeout, options.max_output, options.max_memory, 0});
    } catch (const child_error &e) {
        fail(error_code_of(e), e.what());
    } catch (const std::runtime_error &e) {  // the temporary directory
        fail(error_code::tool_failed, e.what());
    }
    const std::string reason = first_line(r.err);
    if (r.err.find("Incorrect password") != std::string::npos)
        fail(error_code::encrypted);
    if (r.err.find("Copying of text from this document is not allowed") != std::string::npos ||
        (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3))
        fail(error_code::copy_forbidden, reason);
    if (!WIFEXITED(r.status))
        fail(error_code::tool_failed, options.program + " crashed on this file (" + r.describe() + ", with at most " +
                                          std::to_string(options.max_memory >> 20) + " MiB of memory)");
    if (WEXITSTATUS(r.status) != 0)
        fail(error_code::damaged, options.program + ": " + (reason.empty() ? "exit status " + std::to_string(WEXITSTATUS(r.status)) : reason));
    return std::move(r.out);
}

}  // namespace

std::string layout_text_of_pdf(std::string_view bytes, const pdf_options &options) {
    std::string out = pdftotext_output(bytes, options, {"-layout", "-enc", "UTF-8", "-eol", "unix"});
    if (!has_printed_character(out)) {
        const auto pages = std::count(out.begin(), out.end(), '\f');
        throw scanned_pdf(read_error{error_code::scanned, "PDF: no text layer: " + std::to_string(pages) + (pages == 1 ? " page" : " pages")});
    }
    return out;
}

std::vector<page_words> word_boxes_of_pdf(std::string_view bytes, const pdf_options &options) {
    return parse_word_boxes(pdftotext_output(bytes, options, {"-bbox", "-enc", "UTF-8", "-l", std::to_string(options.word_box_pages)}));
}

std::size_t unread_numbers_needing_rules(std::string_view bytes, document &doc, const pdf_options &options) {
    return unread_uncertain_numbers(doc, numbers_needing_rules(word_boxes_of_pdf(bytes, options)));
}

document read_pdf(std::string_view bytes, const pdf_options &options) {
    return read_layout_text(layout_text_of_pdf(bytes, options));
}

}  // namespace xxgk::read
