// Reads one document N times with `xxgk::read_report`: the program `read_instructions.sh` runs under callgrind
// to count a reader's instructions per read (a machine-independent measure of its work; docs/performance.md).
#include <xxgk/enumeration.hpp>
#include <xxgk/read.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

int main(int argc, char **argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: xxgk_read_loop FILE FORMAT READS  (FORMAT: text, markdown, html, docx, layout, …)\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::optional<xxgk::input_format> format = xxgk::from_name<xxgk::input_format>(argv[2]);
    if (!in || !format) {
        std::fprintf(stderr, "xxgk_read_loop: cannot read %s as %s\n", argv[1], argv[2]);
        return 2;
    }
    const std::string document = bytes.str();
    for (int i = 0, n = std::atoi(argv[3]); i < n; ++i) (void)xxgk::read_report(document, {.format = *format, .file_name = {}});
    return 0;
}
