// A zip archive built in memory with libzip, for the tests, the benchmarks and the fuzz targets that make
// DOCX packages of their own.
#ifndef XXGK_TESTS_ZIP_SUPPORT_HPP
#define XXGK_TESTS_ZIP_SUPPORT_HPP

#include <zip.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace xxgk::test {

/// An archive of these (name, bytes) entries, deflated (or stored, or compressed by `method`).
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>> &entries, bool store = false,
                            zip_int32_t method = ZIP_CM_DEFAULT) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) throw std::runtime_error("zip_source_buffer_create");
    zip_source_keep(buffer);
    zip_t *z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!z) {
        zip_source_free(buffer);
        throw std::runtime_error("zip_open_from_source");
    }
    for (const auto &[name, data] : entries) {
        zip_source_t *s = zip_source_buffer(z, data.data(), data.size(), 0);
        const zip_int64_t i = s ? zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) : -1;
        if (i < 0) throw std::runtime_error("zip_file_add " + name);
        if (store || method != ZIP_CM_DEFAULT)
            zip_set_file_compression(z, static_cast<zip_uint64_t>(i), store ? ZIP_CM_STORE : method, 0);
    }
    if (zip_close(z) != 0) throw std::runtime_error("zip_close");
    zip_source_open(buffer);
    zip_source_seek(buffer, 0, SEEK_END);
    std::string out(static_cast<std::size_t>(zip_source_tell(buffer)), '\0');
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, out.data(), out.size());
    zip_source_close(buffer);
    zip_source_free(buffer);
    return out;
}

}  // namespace xxgk::test

#endif
