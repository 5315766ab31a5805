// Word 97 / WPS / RTF / ODT through LibreOffice: sniffed by their bytes whatever the name, read exactly as
// their DOCX, private profiles for parallel conversions, limits, clean-up when the caller stops, a clear
// message without LibreOffice; and office files that are not reports named by their bytes.
#include "test_support.hpp"
#include "zip_support.hpp"

#include "../src/read/child_process.hpp"
#include "../src/read/docx_reader.hpp"
#include "../src/read/office_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <future>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace xxgk::read;
using namespace std::chrono_literals;
using xxgk::test::contains;
using xxgk::test::eventually;
using xxgk::test::failure;

const std::string rendered_samples[] = {"acheng-yagou-2023", "hangzhou-style-html", "pingtan-102-jiaojian-2025",
                                        "pingtan-47-ziranziyuan-2021"};

std::string rendered(const std::string &sample, const std::string &file) {
    return xxgk::test::read_file(xxgk::test::source_path("tests/samples/rendered/" + sample + "/" + file));
}

bool libreoffice_installed() { return !find_program("soffice").empty(); }

#define REQUIRE_LIBREOFFICE()                                                                                       \
    if (!libreoffice_installed())                                                                                   \
    GTEST_SKIP() << "LibreOffice is not installed (cmake/install-deps.sh installs libreoffice-writer-nogui)"


// ---- sniffing ----------------------------------------------------------------------------------------

TEST(office_reader, sniffs_word97_rtf_and_odt_by_their_bytes_whatever_the_name) {
    for (const std::string &sample : rendered_samples) {
        for (const std::string name : {"", "report.txt", "report.docx", "report.pdf", "report.html"}) {
            EXPECT_EQ(xxgk::sniff_format(rendered(sample, "report.doc"), name), xxgk::input_format::doc) << sample << name;
            EXPECT_EQ(xxgk::sniff_format(rendered(sample, "report.rtf"), name), xxgk::input_format::rtf) << sample << name;
            EXPECT_EQ(xxgk::sniff_format(rendered(sample, "report.odt"), name), xxgk::input_format::odt) << sample << name;
            EXPECT_EQ(xxgk::sniff_format(rendered(sample, "report.docx"), name), xxgk::input_format::docx) << sample << name;
        }
    }
}

// A compound file of 512-byte sectors: sector 0 the FAT, sector 1 the directory. `entries` are (name, type,
// child) after the root; each is the right sibling of the one before, the root's child is the first of
// those whose `child` is not -1's parent (`top` of them: the rest hang from the entry naming them).
std::string compound_file(const std::vector<std::tuple<std::string, int, int>> &entries, int top) {
    std::string file(512 * 3, '\0');
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) file[at + i] = static_cast<char>(v >> (8 * i));
    };
    auto put16 = [&](std::size_t at, std::uint16_t v) {
        file[at] = static_cast<char>(v);
        file[at + 1] = static_cast<char>(v >> 8);
    };
    file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    put16(0x18, 0x3E);
    put16(0x1A, 3);
    put16(0x1C, 0xFFFE);
    put16(0x1E, 9);
    put16(0x20, 6);
    put32(0x2C, 1);
    put32(0x30, 1);
    put32(0x38, 4096);
    put32(0x3C, 0xFFFFFFFE);
    put32(0x44, 0xFFFFFFFE);
    for (std::size_t i = 0; i < 109; ++i) put32(0x4C + 4 * i, i == 0 ? 0 : 0xFFFFFFFF);
    for (std::size_t i = 0; i < 128; ++i) put32(512 + 4 * i, i == 0 ? 0xFFFFFFFD : i == 1 ? 0xFFFFFFFE : 0xFFFFFFFF);
    auto entry = [&](std::size_t index, const std::string &name, int type, std::uint32_t right, std::uint32_t child) {
        const std::size_t at = 1024 + 128 * index;
        for (std::size_t i = 0; i < name.size(); ++i) put16(at + 2 * i, static_cast<unsigned char>(name[i]));
        put16(at + 0x40, static_cast<std::uint16_t>(2 * (name.size() + 1)));
        file[at + 0x42] = static_cast<char>(type);
        put32(at + 0x44, 0xFFFFFFFF);
        put32(at + 0x48, right);
        put32(at + 0x4C, child);
    };
    entry(0, "Root Entry", 5, 0xFFFFFFFF, entries.empty() ? 0xFFFFFFFF : 1);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto &[name, type, child] = entries[i];
        const bool last_at_top = static_cast<int>(i) + 1 >= top;
        entry(i + 1, name, type, last_at_top ? 0xFFFFFFFF : static_cast<std::uint32_t>(i + 2),
              child < 0 ? 0xFFFFFFFF : static_cast<std::uint32_t>(child));
    }
    return file;
}

TEST(office_reader, reads_the_root_of_a_compound_file) {
    EXPECT_EQ(office_kind_of(compound_file({{"1Table", 2, -1}, {"WordDocument", 2, -1}}, 2)), office_kind::word97);
    EXPECT_EQ(office_kind_of(compound_file({{"Workbook", 2, -1}}, 1)), office_kind::none);
    // A workbook with a Word document embedded under a storage is still a workbook.
    const std::string workbook_with_embedded_word =
        compound_file({{"Workbook", 2, -1}, {"MBD0001", 1, 3}, {"WordDocument", 2, -1}}, 2);
    EXPECT_EQ(office_kind_of(workbook_with_embedded_word), office_kind::none);
    EXPECT_TRUE(contains(foreign_file_kind(workbook_with_embedded_word), "spreadsheet"));
    // Broken structures are not recognised, and nothing loops: a cycle of siblings, sectors out of range.
    std::string cycle = compound_file({{"A", 2, -1}, {"WordDocument", 2, -1}}, 2);
    cycle[1024 + 128 * 2 + 0x48] = 1;  // WordDocument's right sibling: back to A
    cycle[1024 + 128 * 2 + 0x49] = cycle[1024 + 128 * 2 + 0x4A] = cycle[1024 + 128 * 2 + 0x4B] = 0;
    EXPECT_EQ(office_kind_of(cycle), office_kind::word97);
    std::string truncated = compound_file({{"WordDocument", 2, -1}}, 1).substr(0, 1024);
    EXPECT_EQ(office_kind_of(truncated), office_kind::none);
    EXPECT_EQ(office_kind_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), office_kind::none);
}

TEST(office_reader, names_office_files_that_are_not_reports_instead_of_decoding_them_as_text) {
    const std::pair<std::string, std::string> files[] = {
        {xxgk::test::make_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}}), "an Excel workbook (.xlsx)"},
        {compound_file({{"Workbook", 2, -1}}, 1), "an Excel or WPS spreadsheet (.xls/.et)"},
        {compound_file({{"Book", 2, -1}}, 1), "an Excel or WPS spreadsheet (.xls/.et)"},
        {compound_file({{"PowerPoint Document", 2, -1}}, 1), "a PowerPoint presentation (.ppt)"},
        {xxgk::test::make_zip({{"ppt/presentation.xml", "<p/>"}}), "a PowerPoint presentation (.pptx)"},
        {xxgk::test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<x/>"}}, true),
         "an OpenDocument spreadsheet (.ods)"},
        {xxgk::test::make_zip({{"OFD.xml", "<ofd:OFD/>"}}), "an OFD document"},
        {xxgk::test::make_zip({{"a.pdf", "%PDF-1.4"}}), "a ZIP archive"},
#ifndef XXGK_HAVE_OCR  // (with OCR, a page image is read: ocr_reader_test.cpp)
        {std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, '\0'), "a PNG image"},
#endif
    };
    for (const auto &[bytes, kind] : files)
        for (const std::string name : {"report.txt", "report.et", "", "report.docx"}) {
            xxgk::read_error error;
            xxgk::read_options options;
            options.file_name = name;
            EXPECT_FALSE(xxgk::read_report(bytes, options, error).has_value());
            EXPECT_EQ(error.code, xxgk::error_code::foreign_file) << error.describe(xxgk::language::en) << " / " << name;
            EXPECT_TRUE(error.detail.starts_with(kind)) << error.detail << " / " << name;
        }
    // ODT is an OpenDocument text only by its mimetype entry.
    EXPECT_EQ(office_kind_of(xxgk::test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}}, true)),
              office_kind::odt);
    EXPECT_EQ(foreign_file_kind(rendered("acheng-yagou-2023", "report.docx")), "");
    EXPECT_EQ(foreign_file_kind("一、总体情况"), "");
}

// ---- reading through LibreOffice ---------------------------------------------------------------------

class converted : public testing::TestWithParam<std::tuple<std::string, std::string>> {};

// Every cell of expected.json, and every cell where report.docx puts it (table, row and cell of the report).
TEST_P(converted, reads_exactly_as_its_docx) {
    REQUIRE_LIBREOFFICE();
    const auto &[sample, extension] = GetParam();
    const xxgk::read_result r = xxgk::read_report(rendered(sample, "report." + extension));
    EXPECT_EQ(std::string(xxgk::name(r.format)), extension);
    const boost::json::value got = xxgk::to_json(r.value);
    xxgk::test::expect_every_cell(boost::json::parse(rendered(sample, "expected.json")), &got);
    const xxgk::read_result docx = xxgk::read_report(rendered(sample, "report.docx"));
    std::size_t compared = 0;
    xxgk::for_each_cell(r.value, [&](xxgk::cell_ref where, const xxgk::cell &mine) {
        const xxgk::cell *theirs = xxgk::find_cell(docx.value, where);
        ASSERT_NE(theirs, nullptr) << xxgk::json_pointer(where);
        EXPECT_EQ(mine.source, theirs->source) << xxgk::json_pointer(where);
        compared += mine.source.table != 0;
    });
    EXPECT_GT(compared, 100u);
    for (const xxgk::diagnostic &d : r.diagnostics) EXPECT_NE(d.level, xxgk::severity::error) << xxgk::message(d);
}

INSTANTIATE_TEST_SUITE_P(rendered, converted,
                         testing::Combine(testing::ValuesIn(rendered_samples), testing::Values(std::string("doc"), std::string("odt"), std::string("rtf"))),
                         [](const auto &test) {
                             std::string name = std::get<0>(test.param) + "_" + std::get<1>(test.param);
                             for (char &c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(office_reader, two_conversions_at_once_each_with_its_own_profile) {
    REQUIRE_LIBREOFFICE();
    const std::string doc = rendered("pingtan-102-jiaojian-2025", "report.doc");
    const std::string odt = rendered("hangzhou-style-html", "report.odt");
    auto first = std::async(std::launch::async, [&] { return read_office_document(doc, office_kind::word97); });
    auto second = std::async(std::launch::async, [&] { return read_office_document(odt, office_kind::odt); });
    const document a = first.get(), b = second.get();
    EXPECT_EQ(a.blocks.size(), read_docx(rendered("pingtan-102-jiaojian-2025", "report.docx")).blocks.size());
    EXPECT_EQ(b.blocks.size(), read_docx(rendered("hangzhou-style-html", "report.docx")).blocks.size());
}

TEST(office_reader, says_how_to_install_libreoffice_when_it_is_missing) {
    office_options options;
    options.program = "/nonexistent/soffice";
    const std::string message = failure([&] { read_office_document(rendered("acheng-yagou-2023", "report.doc"), office_kind::word97, options); });
    EXPECT_EQ(message, "the program that reads this format could not read the file (Word 97: /nonexistent/soffice not found: install LibreOffice (Debian: apt-get install "
                       "libreoffice-writer-nogui) to read Word 97 files)");
    // Through read_report, with no soffice in PATH.
    const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", "/nonexistent", 1);
    xxgk::read_error error;
    const bool read = xxgk::read_report(rendered("acheng-yagou-2023", "report.rtf"), {}, error).has_value();
    ::setenv("PATH", path.c_str(), 1);
    EXPECT_FALSE(read);
    EXPECT_EQ(error.code, xxgk::error_code::tool_failed);
    EXPECT_TRUE(error.detail.starts_with("RTF: soffice not found: install LibreOffice")) << error.detail;
}

TEST(office_reader, a_conversion_past_its_time_or_output_limit_stops_with_a_clear_error) {
    REQUIRE_LIBREOFFICE();
    const std::string doc = rendered("acheng-yagou-2023", "report.doc");
    office_options slow;
    slow.timeout = 100ms;
    const std::string timed_out = failure([&] { read_office_document(doc, office_kind::word97, slow); });
    EXPECT_TRUE(timed_out.ends_with("soffice.bin did not finish within 0.1 s)")) << timed_out;
    office_options small;
    small.max_output = 2000;  // the DOCX is ~11 KB
    try {
        read_office_document(doc, office_kind::word97, small);
        ADD_FAILURE() << "no error";
    } catch (const xxgk::read_exception &e) {
        EXPECT_EQ(e.error().code, xxgk::error_code::too_large) << e.what();
        EXPECT_TRUE(contains(e.what(), "larger than 2000 bytes")) << e.what();
    }
}

TEST(office_reader, a_corrupt_document_says_so) {
    REQUIRE_LIBREOFFICE();
    std::string rtf = "{\\rtf1 {\\*\\xxgk-not-really";
    const std::string message = failure([&] { read_office_document(rtf, office_kind::rtf); });
    EXPECT_TRUE(contains(message, "RTF: ")) << message;
}

// The pids of processes whose command line mentions `needle`.
std::vector<pid_t> processes_mentioning(const std::string &needle) {
    std::vector<pid_t> found;
    DIR *proc = ::opendir("/proc");
    while (const dirent *e = proc ? ::readdir(proc) : nullptr) {
        const pid_t pid = std::atoi(e->d_name);
        if (pid <= 0) continue;
        std::ifstream in("/proc/" + std::string(e->d_name) + "/cmdline");
        std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ifstream stat("/proc/" + std::string(e->d_name) + "/stat");
        std::string state;
        std::getline(stat, state);
        const std::size_t close = state.rfind(')');
        const bool zombie = close != std::string::npos && close + 2 < state.size() && state[close + 2] == 'Z';
        if (!zombie && cmdline.find(needle) != std::string::npos) found.push_back(pid);
    }
    if (proc) ::closedir(proc);
    return found;
}


// A caller converting a document is sent `signal` while LibreOffice runs: LibreOffice dies with it.
// Returns the caller's temporary directory prefix.
std::string stop_a_conversion_with(int signal) {
    const std::string doc = rendered("acheng-yagou-2023", "report.doc");
    const pid_t caller = ::fork();
    if (caller == 0) {
        try {
            read_office_document(doc, office_kind::word97);
        } catch (...) {
        }
        ::_exit(0);
    }
    const std::string prefix = "/xxgk-" + std::to_string(caller) + "-";
    EXPECT_TRUE(eventually([&] { return !processes_mentioning(prefix).empty(); })) << "LibreOffice did not start";
    ::kill(caller, signal);
    int status = 0;
    ::waitpid(caller, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal) << status;
    EXPECT_TRUE(eventually([&] { return processes_mentioning(prefix).empty(); })) << "LibreOffice outlived its caller";
    return prefix;
}

bool temporary_directory_left(const std::string &prefix) {
    const char *tmp = std::getenv("TMPDIR");
    DIR *dir = ::opendir(tmp && *tmp ? tmp : "/tmp");
    bool found = false;
    while (const dirent *e = dir ? ::readdir(dir) : nullptr) found |= ("/" + std::string(e->d_name)).starts_with(prefix);
    if (dir) ::closedir(dir);
    return found;
}

TEST(office_reader, libreoffice_dies_and_its_files_go_when_the_caller_gets_sigterm) {
    REQUIRE_LIBREOFFICE();
    EXPECT_FALSE(temporary_directory_left(stop_a_conversion_with(SIGTERM)));
}

TEST(office_reader, libreoffice_dies_when_the_caller_gets_sigkill) {
    REQUIRE_LIBREOFFICE();
    const std::string prefix = stop_a_conversion_with(SIGKILL);
    remove_stale_temporary_directories();
    EXPECT_FALSE(temporary_directory_left(prefix));
}

}  // namespace
