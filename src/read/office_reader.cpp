// Office documents through LibreOffice (see office_reader.hpp). The OLE2 directory is read just far enough
// to list the streams at the root of the compound file ([MS-CFB]: header, FAT, directory chain, the
// red-black tree of the root's children), every step bounded by the file's own size.
#include "office_reader.hpp"

#include "child_process.hpp"
#include "docx_reader.hpp"

#include <xxgk/read.hpp>

#include <zip.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include <sys/stat.h>
#include <sys/wait.h>

namespace xxgk::read {
namespace {

constexpr std::string_view ole2_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::uint32_t end_of_chain = 0xFFFFFFFE, no_stream = 0xFFFFFFFF;

std::uint32_t u32(std::string_view b, std::size_t at) {
    if (at + 4 > b.size()) return no_stream;
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

std::uint16_t u16(std::string_view b, std::size_t at) {
    if (at + 2 > b.size()) return 0;
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

// The names (ASCII only; others read as '?') of the entries at the root of an OLE2 compound file; empty
// when the structure is broken.
std::vector<std::string> ole2_root_names(std::string_view b) {
    if (!b.starts_with(ole2_magic) || b.size() < 512) return {};
    const unsigned shift = u16(b, 0x1E);
    if (shift != 9 && shift != 12) return {};
    const std::size_t sector = std::size_t{1} << shift, sectors = (b.size() - 1) / sector;  // after the header
    auto sector_at = [&](std::uint32_t n) -> std::string_view {
        if (n >= sectors) return {};
        return b.substr((n + 1) * sector, sector);
    };
    // The FAT's sectors: 109 in the header, then the DIFAT chain.
    std::vector<std::uint32_t> fat_sectors;
    for (std::size_t i = 0; i < 109; ++i)
        if (const std::uint32_t s = u32(b, 0x4C + 4 * i); s < sectors) fat_sectors.push_back(s);
    for (std::uint32_t d = u32(b, 0x44), hops = 0; d < sectors && hops < sectors; ++hops) {
        const std::string_view difat = sector_at(d);
        for (std::size_t i = 0; i + 4 < sector; i += 4)
            if (const std::uint32_t s = u32(difat, i); s < sectors) fat_sectors.push_back(s);
        d = u32(difat, sector - 4);
    }
    auto next = [&](std::uint32_t n) -> std::uint32_t {
        const std::size_t per = sector / 4, which = n / per;
        if (which >= fat_sectors.size()) return end_of_chain;
        return u32(sector_at(fat_sectors[which]), (n % per) * 4);
    };
    // The directory: 128-byte entries in the chain from the header's first directory sector.
    std::string directory;
    for (std::uint32_t s = u32(b, 0x30), hops = 0; s < sectors && hops <= sectors; s = next(s), ++hops)
        directory += sector_at(s);
    const std::size_t entries = directory.size() / 128;
    if (entries == 0) return {};
    auto name_of = [&](std::size_t e) {
        const std::string_view entry = std::string_view(directory).substr(e * 128, 128);
        const std::size_t length = std::min<std::size_t>(u16(entry, 0x40), 64) / 2;
        std::string name;
        for (std::size_t i = 0; i + 1 < length; ++i) {
            const std::uint16_t c = u16(entry, 2 * i);
            name += c < 0x80 ? static_cast<char>(c) : '?';
        }
        return name;
    };
    // Every entry of the root's tree of children, each visited once.
    std::vector<std::string> names;
    std::vector<bool> seen(entries, false);
    std::vector<std::uint32_t> pending{u32(directory, 0x4C)};
    while (!pending.empty()) {
        const std::uint32_t e = pending.back();
        pending.pop_back();
        if (e >= entries || seen[e]) continue;
        seen[e] = true;
        names.push_back(name_of(e));
        pending.push_back(u32(directory, e * 128 + 0x44));
        pending.push_back(u32(directory, e * 128 + 0x48));
    }
    return names;
}

bool has(const std::vector<std::string> &names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The `mimetype` of an OpenDocument package: its first entry, stored uncompressed, without extra field
// in the local header (ODF 1.2 part 3, 3.3), so readable from the local header alone.
std::string_view odf_mimetype(std::string_view b) {
    if (!b.starts_with("PK\x03\x04") || b.size() < 30) return {};
    const std::size_t name_length = u16(b, 26), extra = u16(b, 28), size = u32(b, 18);
    if (u16(b, 8) != 0 || b.substr(30, name_length) != "mimetype" || size > 256) return {};
    const std::size_t at = 30 + name_length + extra;
    return at + size <= b.size() ? b.substr(at, size) : std::string_view();
}

// The entry names of a ZIP archive (at most the first 10,000), or nothing when libzip cannot open it.
std::vector<std::string> zip_names(std::string_view b) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(b.data(), b.size(), 0, &error);
    zip_error_fini(&error);
    if (!source) return {};
    zip_t *archive = zip_open_from_source(source, ZIP_RDONLY, nullptr);
    if (!archive) {
        zip_source_free(source);
        return {};
    }
    std::vector<std::string> names;
    const zip_int64_t count = std::min<zip_int64_t>(zip_get_num_entries(archive, 0), 10000);
    for (zip_int64_t i = 0; i < count; ++i)
        if (const char *name = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW)) names.emplace_back(name);
    zip_discard(archive);
    return names;
}

std::string_view name(office_kind kind) {
    switch (kind) {
    case office_kind::word97: return "Word 97";
    case office_kind::rtf: return "RTF";
    case office_kind::odt: return "ODT";
    default: return "office";
    }
}

std::string_view extension(office_kind kind) {
    switch (kind) {
    case office_kind::rtf: return ".rtf";
    case office_kind::odt: return ".odt";
    default: return ".doc";
    }
}

// "file:///…" for a local path, every byte but the unreserved ones and '/' percent-encoded.
std::string file_url(std::string_view path) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string url = "file://";
    for (unsigned char c : path) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
            c == '_' || c == '.' || c == '~')
            url += static_cast<char>(c);
        else
            url += {'%', hex[c >> 4], hex[c & 15]};
    }
    return url;
}

// LibreOffice's real program: the `soffice.bin` beside the `soffice` script (which only execs oosplash,
// which starts soffice.bin as its own child, out of reach of PR_SET_PDEATHSIG), else `soffice` itself.
std::string office_program(const std::string &program) {
    const std::string found = find_program(program);
    if (found.empty()) return program;  // run_child says it is missing
    char resolved[PATH_MAX];
    if (!::realpath(found.c_str(), resolved)) return found;
    const std::string script(resolved);
    const std::string beside = script.substr(0, script.rfind('/') + 1) + "soffice.bin";
    return script.ends_with("/soffice") && !find_program(beside).empty() ? beside : found;
}

std::string read_whole(const std::string &path, std::size_t limit) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    if (static_cast<std::size_t>(st.st_size) > limit) return {};
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return std::move(out).str();
}

}  // namespace

office_kind office_kind_of(std::string_view bytes) noexcept {
    try {
        if (bytes.starts_with("{\\rtf")) return office_kind::rtf;
        if (bytes.starts_with(ole2_magic)) return has(ole2_root_names(bytes), "WordDocument") ? office_kind::word97 : office_kind::none;
        if (odf_mimetype(bytes).starts_with("application/vnd.oasis.opendocument.text")) return office_kind::odt;
    } catch (...) {  // out of memory while listing the directory: not recognised
    }
    return office_kind::none;
}

std::string foreign_file_kind(std::string_view b) {
    if (b.starts_with(ole2_magic)) {
        const std::vector<std::string> names = ole2_root_names(b);
        if (has(names, "Workbook") || has(names, "Book")) return "an Excel or WPS spreadsheet (.xls/.et), not a report document";
        if (has(names, "PowerPoint Document")) return "a PowerPoint presentation (.ppt), not a report document";
        if (has(names, "CONTENTS")) return "a Microsoft Works document (.wps): save it as .docx or .doc";
        return "an OLE2 compound file (an old Microsoft Office format) with no Word document in it";
    }
    if (const std::string_view mimetype = odf_mimetype(b); !mimetype.empty()) {
        if (mimetype.starts_with("application/vnd.oasis.opendocument.spreadsheet")) return "an OpenDocument spreadsheet (.ods), not a report document";
        if (mimetype.starts_with("application/vnd.oasis.opendocument.presentation")) return "an OpenDocument presentation (.odp), not a report document";
        return "an OpenDocument file of type " + std::string(mimetype) + ", not a text document";
    }
    if (b.starts_with("PK\x03\x04")) {
        const std::vector<std::string> names = zip_names(b);
        if (has(names, "word/document.xml")) return "";
        if (has(names, "xl/workbook.xml")) return "an Excel workbook (.xlsx), not a report document";
        if (has(names, "ppt/presentation.xml")) return "a PowerPoint presentation (.pptx), not a report document";
        if (has(names, "OFD.xml")) return "an OFD document (China's fixed-layout format): save it as PDF or DOCX";
        if (!names.empty()) return "a ZIP archive: unpack it and read the files inside";
        return "";
    }
    if (b.starts_with("\x89PNG\r\n\x1A\n")) return "a PNG image: a picture of a report cannot be read as text";
    if (b.starts_with("\xFF\xD8\xFF")) return "a JPEG image: a picture of a report cannot be read as text";
    if (b.starts_with("II*\0") || b.starts_with(std::string_view("MM\0*", 4))) return "a TIFF image: a picture of a report cannot be read as text";
    if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "a GIF image: a picture of a report cannot be read as text";
    if (b.starts_with("Rar!\x1A\x07")) return "a RAR archive: unpack it and read the files inside";
    if (b.starts_with("7z\xBC\xAF\x27\x1C")) return "a 7-Zip archive: unpack it and read the files inside";
    if (b.starts_with("\x1F\x8B")) return "a gzip-compressed file: unpack it and read the file inside";
    return "";
}

std::string docx_of_office_document(std::string_view bytes, office_kind kind, const office_options &options) {
    const std::string format(name(kind));
    auto fail = [&](error_code code, const std::string &detail) -> void {
        throw read_exception(code, format + ": " + detail);
    };
    try {
        const temporary_directory dir;
        const std::string input = dir.write_file("report" + std::string(extension(kind)), bytes);
        // Everything LibreOffice writes goes under work/: its profile, its temporary files, the DOCX.
        const std::string work = dir.path() + "/work", output = work + "/out";
        if (::mkdir(work.c_str(), 0700) != 0) fail(error_code::tool_failed, "cannot create " + work + ": " + std::strerror(errno));
        const child_command command{
            {office_program(options.program), "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck",
             "--convert-to", "docx", "--outdir", output, "-env:UserInstallation=" + file_url(work + "/profile"), input},
            work,
            {{"TMPDIR", work}, {"HOME", work}, {"SAL_USE_VCLPLUGIN", "svp"}},
            "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui) to read " + format + " files"};
        const child_limits limits{options.timeout, std::size_t{1} << 20, options.max_memory, options.max_output};
        child_result r = run_child(command, limits);
        // soffice.bin ends with 81 after it has made a new profile and wants to start again (oosplash, which
        // it skips, would restart it): once more, now with the profile there.
        if (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 81) r = run_child(command, limits);
        if (!r.succeeded()) fail(error_code::tool_failed, "LibreOffice: " + r.describe());
        const std::string converted = output + "/report.docx";
        struct stat st {};
        if (::stat(converted.c_str(), &st) != 0)
            fail(error_code::damaged, "LibreOffice" + (r.out.empty() && r.err.empty() ? std::string() : ": " + r.describe()));
        if (static_cast<std::size_t>(st.st_size) > options.max_output)
            fail(error_code::too_large, "the converted document is larger than " + std::to_string(options.max_output) + " bytes");
        return read_whole(converted, options.max_output);
    } catch (const child_error &e) {
        fail(error_code_of(e), e.what());
    } catch (const std::runtime_error &e) {
        if (dynamic_cast<const read_exception *>(&e)) throw;
        fail(error_code::tool_failed, e.what());  // the temporary directory
    }
    return {};
}

document read_office_document(std::string_view bytes, office_kind kind, const office_options &options) {
    return read_docx(docx_of_office_document(bytes, kind, options));
}

}  // namespace xxgk::read
