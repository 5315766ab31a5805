// Word 97 (.doc), WPS (.wps), RTF and ODT documents: recognised by their bytes, converted to DOCX by
// LibreOffice run as a separate program (MPL-2.0; not linked), and read by the DOCX reader, so their
// positions name the report's table, row and cell as a DOCX's do. Also names the office files that are not
// reports at all (spreadsheets, presentations, archives, images) for the error message.
#pragma once

#include "document.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace xxgk::read {

/// What the bytes of an office file are, as far as choosing a reader goes.
enum class office_kind {
    none,    ///< not one of the kinds below
    word97,  ///< OLE2 compound file with a `WordDocument` stream at its root: Word 97–2003 .doc, WPS .wps
    rtf,     ///< `{\rtf`
    odt,     ///< ZIP whose first entry `mimetype` says application/vnd.oasis.opendocument.text…
};

/// The kind of `bytes` by their content alone (never the file name). Reads at most the OLE2 directory.
office_kind office_kind_of(std::string_view bytes) noexcept;

/// What `bytes` are when they are a known kind of file that is not a report and no reader takes
/// (e.g. "an Excel or WPS spreadsheet (.xls/.et)"), or "" when they are none of those.
std::string foreign_file_kind(std::string_view bytes);

struct office_options {
    /// LibreOffice's `soffice`, looked up in PATH when it has no slash. When a `soffice.bin` stands beside
    /// it (Debian, upstream), that is run directly, so that PR_SET_PDEATHSIG reaches the process that works.
    std::string program = "soffice";
    /// The conversion is killed after this long (also its CPU time).
    std::chrono::milliseconds timeout{120000};
    /// LibreOffice's address space (RLIMIT_AS); a report converts within 512 MiB.
    std::size_t max_memory = std::size_t{2} << 30;
    /// Largest file it may write (RLIMIT_FSIZE), so the largest DOCX it can make.
    std::size_t max_output = std::size_t{64} << 20;
};

/// Converts a Word 97 / WPS / RTF / ODT document to DOCX with `soffice --headless --convert-to docx`, in a
/// private temporary directory with a private LibreOffice profile (parallel conversions never share one),
/// under `options`' limits. Throws `read_exception` naming the format: LibreOffice missing ("install
/// libreoffice-writer-nogui"), the conversion failing, timing out or passing a limit.
std::string docx_of_office_document(std::string_view bytes, office_kind kind, const office_options &options = {});

/// Reads a Word 97 / WPS / RTF / ODT document: `read_docx(docx_of_office_document(bytes, kind))`.
document read_office_document(std::string_view bytes, office_kind kind, const office_options &options = {});

}  // namespace xxgk::read
