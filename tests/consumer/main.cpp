// An outside program using the installed library: checks a report and prints the number of findings.
#include <xxgk/xxgk.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    std::ifstream in(argv[1]);
    std::stringstream text;
    text << in.rdbuf();
    const xxgk::report r = xxgk::parse_report(text.str());
    std::cout << xxgk::check(r).size() << " findings\n";
}
