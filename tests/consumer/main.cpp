// An outside program using the installed library: reads a report and prints the number of findings.
#include <xxgk/read.hpp>
#include <xxgk/xxgk.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    std::ifstream in(argv[1]);
    std::stringstream text;
    text << in.rdbuf();
    const xxgk::read_result r = xxgk::read_report(text.str());
    std::cout << r.diagnostics.size() + xxgk::check(r.value).size() << " findings\n";
}
