// Shared helpers for the GoogleTest suite: files of the source tree and the seed example.
#pragma once

#include <xxgk/xxgk.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace xxgk::test {

inline std::string source_path(const std::string &relative) { return std::string(XXGK_SOURCE_DIR) + "/" + relative; }

inline std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return std::move(ss).str();
}

/// The seed: the hand transcription of the 阿城区亚沟街道办事处 2023 report.
inline report seed() { return parse_report(read_file(source_path("examples/acheng-yagou-2023.json"))); }

}  // namespace xxgk::test
