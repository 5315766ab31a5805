// The DOCX package: libzip for the container, libdeflate for the parts.
#include "package.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace xxgk::read::docx {

namespace {

constexpr std::size_t ratio_floor = 1u << 20;  // below this, a high ratio cannot hurt

}  // namespace

void fail(error_code code, std::string detail, source_position where) {
    throw read_exception(code, "DOCX: " + std::move(detail), where);
}

namespace {

// libzip's error as text; its "Malloc failure" is out of memory, not a damaged archive.
std::string zip_message(zip_error_t &e) {
    if (zip_error_code_zip(&e) == ZIP_ER_MEMORY) {
        zip_error_fini(&e);
        throw std::bad_alloc();
    }
    std::string m = zip_error_strerror(&e);
    zip_error_fini(&e);
    return m;
}

std::string zip_message(zip_t *z) {
    if (zip_error_code_zip(zip_get_error(z)) == ZIP_ER_MEMORY) throw std::bad_alloc();
    return zip_strerror(z);
}

std::string zip_message(zip_file_t *f) {
    if (zip_error_code_zip(zip_file_get_error(f)) == ZIP_ER_MEMORY) throw std::bad_alloc();
    return zip_error_strerror(zip_file_get_error(f));
}

archive open_archive(std::string_view bytes) {
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        fail(error_code::wrong_format, "OLE2: a legacy Word .doc, or a password-protected DOCX");
    if (bytes.starts_with("{\\rtf")) fail(error_code::wrong_format, "RTF");
    if (!bytes.starts_with("PK\x03\x04") && !bytes.starts_with("PK\x05\x06"))
        fail(error_code::wrong_format, "not a DOCX file: no ZIP header \"PK\"");
    // libzip (1.7) drops the error of an allocation that fails while it reads the central directory (and
    // glibc's mktime, which it calls per entry, may fail one unseen) and reports "Not a zip archive". Its
    // verdict on the same bytes is otherwise the same every time, so a failed open is tried once more: a
    // second open that succeeds, or fails differently (out of memory from its first allocation, when memory
    // stays short), shows that the first failure was an allocation.
    int first_error = ZIP_ER_OK;
    for (int attempt = 0;; ++attempt) {
        zip_error_t error;
        zip_error_init(&error);
        // With a buffer and its size given, only an allocation can fail.
        zip_source_t *source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (!source) {
            zip_error_fini(&error);
            throw std::bad_alloc();
        }
        zip_t *z = zip_open_from_source(source, ZIP_RDONLY, &error);
        if (z) {
            zip_error_fini(&error);
            return archive(z);
        }
        zip_source_free(source);
        const int code = zip_error_code_zip(&error);
        if (attempt == 0 && code != ZIP_ER_MEMORY) {
            first_error = code;
            zip_error_fini(&error);
            continue;
        }
        if (code != first_error) {
            zip_error_fini(&error);
            throw std::bad_alloc();
        }
        fail(error_code::damaged, "ZIP: " + zip_message(error));
    }
}

// Zip entry names are paths to whoever extracts them; a DOCX never needs one that leaves the package.
void check_entry_names(zip_t *z) {
    const zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        const char *raw = zip_get_name(z, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (!raw) fail(error_code::damaged, "cannot read the name of entry " + std::to_string(i + 1) + " of the archive");
        const std::string_view name = raw;
        const bool absolute = name.starts_with('/') || name.starts_with('\\') ||
                              (name.size() >= 2 && name[1] == ':');
        bool parent = false;
        for (std::size_t start = 0; start <= name.size();) {
            const std::size_t end = std::min(name.find_first_of("/\\", start), name.size());
            if (name.substr(start, end - start) == "..") parent = true;
            start = end + 1;
        }
        if (absolute || parent)
            fail(error_code::damaged, "the archive holds an entry with an unsafe path (\"" + std::string(name) +
                 "\"); refusing a package that points outside itself");
    }
}

// Reads `want` bytes of an open entry, or fewer when the data ends first.
std::size_t read_entry(zip_file_t *file, char *out, std::size_t want, const std::string &name) {
    std::size_t done = 0;
    while (done < want) {
        const zip_int64_t got = zip_fread(file, out + done, want - done);
        if (got < 0)
            fail(error_code::damaged, name + ": damaged or truncated data (" + zip_message(file) + ")");
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    return done;
}

[[noreturn]] void fail_size(const std::string &name, bool more) {
    fail(error_code::damaged, name + ": the entry holds " + (more ? "more" : "fewer") + " bytes than its header declares (damaged archive)");
}

// A deflated or stored part: its raw bytes from libzip, inflated by libdeflate (into exactly the declared
// size, so data that does not fit is an error, not a larger buffer) and checked against the zip's CRC-32.
part_data read_raw_part(const package &pkg, zip_uint64_t index, const zip_stat_t &st, const std::string &name) {
    if (st.comp_size > pkg.size) fail(error_code::damaged, name + ": the entry is longer than the archive (damaged or truncated archive)");
    const zip_file file(zip_fopen_index(pkg.zip.get(), index, ZIP_FL_COMPRESSED));
    if (!file) fail(error_code::damaged, name + ": cannot open the entry (" + zip_message(pkg.zip.get()) + ")");
    part_data data(static_cast<std::size_t>(st.size));
    const auto comp_size = static_cast<std::size_t>(st.comp_size);
    if (st.comp_method == ZIP_CM_STORE) {
        if (comp_size != data.size) fail_size(name, comp_size > data.size);
        if (read_entry(file.get(), data.bytes.get(), data.size, name) != data.size)
            fail(error_code::truncated, name + ": damaged or truncated data (the entry ends early)");
    } else {
        const std::unique_ptr<char[]> raw(new char[std::max<std::size_t>(comp_size, 1)]);
        if (read_entry(file.get(), raw.get(), comp_size, name) != comp_size)
            fail(error_code::truncated, name + ": damaged or truncated data (the entry ends early)");
        std::size_t produced = 0;
        switch (libdeflate_deflate_decompress(pkg.inflate.get(), raw.get(), comp_size, data.bytes.get(), data.size, &produced)) {
        case LIBDEFLATE_SUCCESS: break;
        case LIBDEFLATE_INSUFFICIENT_SPACE: fail_size(name, true);
        default: fail(error_code::damaged, name + ": damaged or truncated data (invalid deflate stream)");
        }
        if (produced != data.size) fail_size(name, false);
    }
    if (libdeflate_crc32(0, data.bytes.get(), data.size) != st.crc) fail(error_code::damaged, name + ": damaged or truncated data (CRC error)");
    return data;
}

// A part compressed otherwise (bzip2, xz, zstd: Word writes none of them) through libzip's decoders.
part_data read_decoded_part(const package &pkg, zip_uint64_t index, const zip_stat_t &st, const std::string &name) {
    const zip_file file(zip_fopen_index(pkg.zip.get(), index, 0));
    if (!file) fail(error_code::damaged, name + ": cannot open the entry (" + zip_message(pkg.zip.get()) + ")");
    // The declared size bounds what we accept; reading one byte more tells a lying header.
    part_data data(static_cast<std::size_t>(st.size) + 1);
    const std::size_t done = read_entry(file.get(), data.bytes.get(), data.size, name);
    if (done != st.size) fail_size(name, done > st.size);
    data.size = done;
    return data;
}

}  // namespace

package open_package(std::string_view bytes, const docx_limits &limits) {
    package pkg{open_archive(bytes), bytes.size(), limits, inflater(libdeflate_alloc_decompressor())};
    if (!pkg.inflate) throw std::bad_alloc();
    check_entry_names(pkg.zip.get());
    return pkg;
}

bool has_entry(const package &pkg, const std::string &name) { return zip_name_locate(pkg.zip.get(), name.c_str(), 0) >= 0; }

std::optional<part_data> read_part(const package &pkg, const std::string &name) {
    const zip_int64_t index = zip_name_locate(pkg.zip.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(pkg.zip.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE))
        fail(error_code::damaged, name + ": cannot read the entry's sizes (damaged archive)");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        fail(error_code::encrypted, name);
    const docx_limits &limits = pkg.limits;
    if (st.size > limits.max_part_size)
        fail(error_code::too_large, name + " inflates to " + std::to_string(st.size) + " bytes, more than the limit of " +
             std::to_string(limits.max_part_size));
    if (st.size > ratio_floor && st.size / std::max<zip_uint64_t>(st.comp_size, 1) > limits.max_ratio)
        fail(error_code::too_large, name + " inflates " + std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
             " times its compressed size (zip bomb?); the limit is " + std::to_string(limits.max_ratio) + ":1");
    const bool raw = (st.valid & ZIP_STAT_COMP_METHOD) && (st.valid & ZIP_STAT_CRC) &&
                     (st.comp_method == ZIP_CM_DEFLATE || st.comp_method == ZIP_CM_STORE);
    return raw ? read_raw_part(pkg, static_cast<zip_uint64_t>(index), st, name)
               : read_decoded_part(pkg, static_cast<zip_uint64_t>(index), st, name);
}

}  // namespace xxgk::read::docx
