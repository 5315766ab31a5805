// The DOCX package: the zip container opened from memory with libzip, its parts inflated with libdeflate
// (CRC-32 checked) within the reader's limits, and the error every part of the DOCX reader throws.
#pragma once

#include "../docx_reader.hpp"

#include <libdeflate.h>
#include <zip.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk::read::docx {

/// Throws the DOCX reader's `read_exception` of `code`: "DOCX: " and the detail, at `where` when known.
[[noreturn]] void fail(error_code code, std::string detail, source_position where = {});

struct archive_closer {
    void operator()(zip_t *z) const noexcept { zip_discard(z); }
};
using archive = std::unique_ptr<zip_t, archive_closer>;

struct file_closer {
    void operator()(zip_file_t *f) const noexcept { zip_fclose(f); }
};
using zip_file = std::unique_ptr<zip_file_t, file_closer>;

struct inflater_free {
    void operator()(libdeflate_decompressor *d) const noexcept { libdeflate_free_decompressor(d); }
};
using inflater = std::unique_ptr<libdeflate_decompressor, inflater_free>;

// The open package: libzip reads the container, libdeflate inflates the parts.
struct package {
    archive zip;
    std::size_t size;  // of the archive: no part's compressed data can be longer
    docx_limits limits;
    inflater inflate;
};

// The bytes of one part, with room for the NUL the scanner needs after them. Not a std::string: it would
// zero what inflating overwrites anyway.
struct part_data {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;

    explicit part_data(std::size_t n) : bytes(new char[n + 1]), size(n) {}
    std::string_view view() const { return {bytes.get(), size}; }
};

/// Opens the archive in `bytes` (kept by the caller) and checks its entry names: none may leave the
/// package. Throws for what is not a zip (naming a legacy .doc or an RTF) and for a damaged archive.
package open_package(std::string_view bytes, const docx_limits &limits);

/// Whether the archive holds an entry named `name` (as written).
bool has_entry(const package &pkg, const std::string &name);

/// The inflated bytes of part `name` (found ignoring case), or nothing when the archive has no such entry.
/// Throws for an encrypted, damaged or oversized part.
std::optional<part_data> read_part(const package &pkg, const std::string &name);

}  // namespace xxgk::read::docx
