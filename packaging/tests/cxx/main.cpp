// An outside C++ program using the installed xxgk: reads the report named on the command line, checks it, renders
// its tables and prints "<version> <N> findings <width of the rendered tables>".
#include <xxgk/read.hpp>
#include <xxgk/render.hpp>
#include <xxgk/xxgk.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    std::ifstream in(argv[1], std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    xxgk::read_error error;
    std::optional<xxgk::read_result> doc = xxgk::read_report(bytes, {.format = std::nullopt, .file_name = argv[1]}, error);
    if (!doc) {
        std::cerr << "cxx_consumer: " << error.describe() << "\n";
        return 1;
    }
    std::vector<xxgk::diagnostic> found;
    xxgk::check(*doc, xxgk::check_options{}, found);
    const std::string tables = xxgk::render_tables(doc->value, xxgk::render_format::text);
    std::cout << XXGK_VERSION_STRING << " " << found.size() << " findings " << (tables.empty() ? 0 : 1) << "\n";
    return 0;
}
