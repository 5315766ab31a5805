// Scanned reports: page images → deskewed grey pages → ruled tables (cells from the rules) and lines of
// text → a document. Labels are what chi_sim reads; a cell that is not a confidently read label gets the
// digits-only pass, and its number is certain only when every digit is read with high confidence and the
// text pass read the same digits. Otherwise the cell carries its readings (see `number_readings`).
#include "ocr_reader.hpp"

#include "child_process.hpp"
#include "ocr/labels.hpp"
#include "ocr/leptonica.hpp"
#include "ocr/recognizer.hpp"
#include "ocr/table_grid.hpp"
#include "ocr/word_boxes.hpp"
#include "pdf_reader.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <sys/wait.h>

namespace xxgk::read {

namespace ocr {

/// A digit is sure at this confidence or above (Tesseract's 0–100); below it, its alternatives count.
constexpr float sure_digit = 90;
/// A wide-character text read with this mean confidence is a label, and gets no digits pass.
constexpr float sure_label = 60;
/// Readings of one value at most; beyond, the value is unread without candidates.
constexpr std::size_t max_readings = 64;
/// The scales of a cell's second looks, when the first does not read its number surely.
constexpr std::array<float, 2> second_look_scales{1.5f, 2.0f};

// Whether `s` may be a count as printed: digits without a leading zero (or "0").
bool count_shaped(std::string_view s) { return !s.empty() && (s.size() == 1 || s.front() != '0'); }

std::vector<std::string> number_readings(const std::vector<digit_reading> &digits, const std::string &text_pass) {
    std::string best;
    for (const digit_reading &d : digits) best += d.best;
    std::vector<std::string> out;
    auto add = [&](const std::string &r) {
        if (count_shaped(r) && std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    };
    add(best);
    const bool any_unsure = std::any_of(digits.begin(), digits.end(), [](const digit_reading &d) { return d.confidence < sure_digit; });
    // The digits in doubt and what each may be instead: below `sure_digit`, its alternatives or, without
    // any, every digit; when the passes disagree though every digit is sure, each digit's alternatives.
    std::vector<std::pair<std::size_t, std::string>> doubts;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const digit_reading &d = digits[i];
        if (any_unsure && d.confidence >= sure_digit) continue;
        std::string other;
        for (const auto &[c, conf] : d.alternatives) other += c;
        if (other.empty() && d.confidence < sure_digit)
            for (char c = '0'; c <= '9'; ++c)
                if (c != d.best) other += c;
        if (!other.empty()) doubts.emplace_back(i, std::move(other));
    }
    // One digit read otherwise, then two of the doubtful ones together.
    for (const auto &[i, other] : doubts)
        for (char c : other) {
            std::string r = best;
            r[i] = c;
            add(r);
        }
    if (any_unsure)
        for (std::size_t a = 0; a < doubts.size(); ++a)
            for (std::size_t b = a + 1; b < doubts.size(); ++b)
                for (char x : doubts[a].second)
                    for (char y : doubts[b].second) {
                        std::string r = best;
                        r[doubts[a].first] = x, r[doubts[b].first] = y;
                        add(r);
                    }
    if (!text_pass.empty()) add(text_pass);
    // Nothing else weighed (the text pass read no digits): the least sure digit may be any.
    if (out.size() < 2 && !digits.empty()) {
        const auto least = std::min_element(digits.begin(), digits.end(),
                                            [](const digit_reading &x, const digit_reading &y) { return x.confidence < y.confidence; });
        for (char c = '0'; c <= '9'; ++c) {
            std::string r = best;
            r[static_cast<std::size_t>(least - digits.begin())] = c;
            add(r);
        }
    }
    if (out.size() > max_readings || out.size() < 2) return {};
    return out;
}


namespace {

// The digits as read, best of each.
std::string read_as(const std::vector<digit_reading> &digits) {
    std::string out;
    for (const digit_reading &d : digits) out += d.best;
    return out;
}

float lowest_confidence(const std::vector<digit_reading> &digits) {
    float lowest = 100;
    for (const digit_reading &d : digits) lowest = std::min(lowest, d.confidence);
    return digits.empty() ? 0 : lowest;
}

}  // namespace

std::optional<std::string> agreed_number(const std::vector<cell_look> &looks) {
    std::vector<std::string> sure;   // the digits passes that read every digit surely, one entry each
    std::set<std::string> confident;  // what every confident pass read (sure digits, or digits-only text)
    for (const cell_look &l : looks) {
        if (!l.digits.empty() && lowest_confidence(l.digits) >= sure_digit) {
            sure.push_back(read_as(l.digits));
            confident.insert(sure.back());
        }
        const std::string text = digits_in(l.text.text);
        if (!text.empty() && l.text.confidence >= sure_label) confident.insert(text);
    }
    if (sure.empty() || confident.size() != 1 || !count_shaped(sure.front())) return std::nullopt;
    const std::string &s = sure.front();
    const bool text_agrees = std::any_of(looks.begin(), looks.end(), [&](const cell_look &l) { return digits_in(l.text.text) == s; });
    if (text_agrees || sure.size() >= 2) return s;
    return std::nullopt;
}

}  // namespace ocr

namespace {

using namespace ocr;

[[noreturn]] void fail(error_code code, std::string detail) { throw read_exception(code, "OCR: " + std::move(detail)); }

// A label as printed: chi_sim reads the full-width parentheses of `（二）部分公开（…）` as angle brackets
// or double angle brackets at times; no label of the tables has those.
// Then a label a character or two off one of the format's is that label (`nearest_label`).
std::string as_label(std::string text) {
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"〈", "（"}, {"《", "（"}, {"〉", "）"}, {"》", "）"}})
        for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
    if (auto label = nearest_label(text)) return *label;
    return text;
}

// A ruled table as a table block, the document's `table_number`-th, on `page`: a row per row of the grid, each
// cell's text from `cell_of(g)` (OCR or word boxes), its position and spans from the grid.
template <class CellOf>
table_block table_of_grid(const table_grid &t, std::uint32_t page, std::uint32_t table_number, CellOf &&cell_of) {
    table_block tb;
    tb.pos = {0, 0, page, table_number, 0, 0};
    int row = -1;
    for (const grid_cell &g : t.cells) {
        if (g.row != row) {
            tb.rows.emplace_back();
            row = g.row;
        }
        text_row &r = tb.rows.back();
        text_cell c = cell_of(g);
        c.pos = {0, 0, page, table_number, static_cast<std::uint32_t>(tb.rows.size()), static_cast<std::uint32_t>(r.cells.size() + 1)};
        c.row_span = static_cast<std::uint16_t>(g.row_span);
        c.col_span = static_cast<std::uint16_t>(g.column_span);
        r.cells.push_back(std::move(c));
    }
    return tb;
}

// What one table cell holds, for the document (its position and spans: `table_of_grid`).
text_cell read_table_cell(recognizer &engine, const page_image &page, const grid_cell &g) {
    text_cell out;
    // Inside the rules, a little away from them (antialiasing and the rotation leave grey at the edge).
    const int inset = std::max(2, page.dpi / 100);
    if (g.box.w <= 2 * inset || g.box.h <= 2 * inset) return out;
    box_ptr b(boxCreate(g.box.x + inset, g.box.y + inset, g.box.w - 2 * inset, g.box.h - 2 * inset));
    pix_ptr crop(pixClipRectangle(page.grey.get(), b.get(), nullptr));
    if (!crop) return out;
    const cell_text text = engine.read_cell_text(crop.get(), page.dpi);
    if (text.blank && !text.inked) return out;
    // A label: two Chinese characters or more, or one without a digit (`人4` is a 4 misread), read with
    // confidence.
    const std::size_t wide = wide_characters(text.text);
    const bool has_digit = std::any_of(text.text.begin(), text.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if ((wide >= 2 || (wide == 1 && !has_digit)) && text.confidence >= sure_label) {
        out.text = as_label(text.text);
        return out;
    }
    std::vector<digit_reading> digits = engine.read_digits(crop.get(), page.dpi);
    if (digits.empty()) {  // thin digits (`11`) are sometimes found only when larger
        pix_ptr larger(pixScale(crop.get(), 2.0f, 2.0f));
        if (larger) digits = engine.read_digits(larger.get(), page.dpi * 2);
    }
    if (digits.empty()) {
        // Neither a label read with confidence nor digits: a label read badly (Chinese characters), or ink
        // that neither pass reads as anything but marks (`]1`), a value not read.
        if (wide > 0) {
            out.text = as_label(text.text);
        } else {
            out.text = "?";
            out.readings = {"?"};
            out.confidence = text.confidence;
        }
        return out;
    }
    std::string best;
    float lowest = 100;
    for (const digit_reading &d : digits) best += d.best, lowest = std::min(lowest, d.confidence);
    const std::string text_digits = digits_in(text.text);
    if (wide >= 2 && text_digits.empty() && text.confidence >= sure_label / 2 && lowest < sure_digit) {
        out.text = as_label(text.text);  // a label both passes agree is not a number
        return out;
    }
    out.text = best;
    out.confidence = lowest;
    if (lowest >= sure_digit && text_digits == best && count_shaped(best)) return out;  // certain
    // Not certain at the scan's own scale: both passes again on the cell enlarged, where small or
    // noisy digits often read surely (`second_looks`).
    std::vector<cell_look> looks{{text, digits}};
    for (float scale : second_look_scales) {
        pix_ptr larger(pixScale(crop.get(), scale, scale));
        if (!larger) continue;
        const int dpi = static_cast<int>(static_cast<float>(page.dpi) * scale);
        looks.push_back({engine.read_cell_text(larger.get(), dpi), engine.read_digits(larger.get(), dpi)});
    }
    if (const std::optional<std::string> sure = agreed_number(looks)) {
        out.text = *sure;
        for (const cell_look &l : looks)
            if (l.digits.size() == sure->size() && read_as(l.digits) == *sure) out.confidence = lowest_confidence(l.digits);
        return out;
    }
    out.readings = number_readings(digits, text_digits);
    if (out.readings.empty()) out.readings = {best, "?"};  // too many to list: unread
    return out;
}

// Reads one page into `doc`: its tables and its lines of text, top to bottom.
void read_page(recognizer &engine, PIX *decoded, int known_dpi, std::uint32_t page_number, std::uint32_t &tables_so_far,
               document &doc) {
    const page_image page = prepare_page(decoded, known_dpi);
    // Leptonica's greying and thresholding of a decoded page fail only when an allocation fails.
    if (!page.grey || !page.binary)
        fail(error_code::out_of_memory, "page " + std::to_string(page_number) + ": the image cannot be prepared");
    const std::vector<table_grid> tables = find_tables(page.binary.get(), page.dpi);
    std::vector<rect> skip;
    std::vector<std::pair<int, block>> placed;  // by their top edge
    for (const table_grid &t : tables) {
        skip.push_back(t.bounds);
        placed.emplace_back(t.bounds.y, table_of_grid(t, page_number, ++tables_so_far,
                                                      [&](const grid_cell &g) { return read_table_cell(engine, page, g); }));
    }
    std::uint32_t line_number = 0;
    for (text_line &l : engine.read_lines(page.grey.get(), page.dpi, skip)) {
        ++line_number;
        placed.emplace_back(l.box.y, paragraph_block{std::move(l.text), {line_number, 0, page_number, 0, 0, 0}});
    }
    std::stable_sort(placed.begin(), placed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (auto &[y, b] : placed) doc.blocks.push_back(std::move(b));
}

std::unique_ptr<recognizer> make_recognizer() {
    try {
        return std::make_unique<recognizer>();
    } catch (const std::runtime_error &e) {
        fail(error_code::tool_failed, e.what());
    }
}

}  // namespace

document read_page_images(std::string_view bytes, const ocr_options &options) {
    const int pages = std::min(image_page_count(bytes), options.max_pages);
    if (pages == 0) fail(error_code::wrong_format, "not an image that can be read (PNG, JPEG or TIFF expected)");
    auto engine = make_recognizer();
    document doc;
    std::uint32_t tables = 0;
    for (int p = 0; p < pages; ++p) {
        image_fault fault;
        pix_ptr image = decode_image(bytes, p, fault);
        if (!image) fail(fault.code, "page " + std::to_string(p + 1) + ": " + fault.detail);
        read_page(*engine, image.get(), 0, static_cast<std::uint32_t>(p + 1), tables, doc);
    }
    return doc;
}

namespace {

// Runs a poppler program under the reader's limits; its failure is the reader's error.
child_result run_poppler(std::vector<std::string> argv, const ocr_options &options) {
    child_command command;
    command.argv = std::move(argv);
    command.install_hint = "install poppler-utils (Debian: apt-get install poppler-utils)";
    child_limits limits;
    limits.timeout = options.timeout;
    limits.max_file_size = std::size_t{256} << 20;
    child_result r;
    try {
        r = run_child(command, limits);
    } catch (const child_error &e) {
        fail(error_code_of(e), std::string("PDF: ") + e.what());
    }
    // A program killed by a signal failed itself (as in the PDF text reader); one that exits with an error
    // status could not read the file.
    if (!r.succeeded())
        fail(WIFEXITED(r.status) ? error_code::damaged : error_code::tool_failed,
             "PDF: " + command.argv[0] + " could not read the pages (" + r.describe() + ")");
    return r;
}

// A picture of a PDF page, as `pdfimages -list` lists it.
struct pdf_picture {
    int page = 0, image = 0;       // the page, and the picture's number among the images (masks too) of its page
    int width = 0, height = 0;     // pixels
    int x_ppi = 0, y_ppi = 0;      // pixels per inch as the page shows it (0 when pdfimages could not say)

    /// Big enough to hold a table: 3 inches wide and 1.5 high as shown (a seal or a logo is smaller).
    bool table_sized() const noexcept {
        return x_ppi > 0 && y_ppi > 0 && width >= 3 * x_ppi && 2 * height >= 3 * y_ppi;
    }
};

// The pictures of `pdfimages -list` (columns page, num, type, width, height, …, x-ppi, y-ppi from the 13th);
// masks are not pictures.
std::vector<pdf_picture> pictures_of(const std::string &listing) {
    auto number = [](const std::string &f) {
        return !f.empty() && f.size() < 7 && f.find_first_not_of("0123456789") == std::string::npos ? std::stoi(f) : 0;
    };
    std::vector<pdf_picture> out;
    int page_seen = 0, first_on_page = 0;
    std::istringstream lines(listing);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::vector<std::string> f{std::istream_iterator<std::string>(fields), std::istream_iterator<std::string>()};
        if (f.size() < 14 || number(f[0]) == 0) continue;  // the header
        const int page = number(f[0]);
        if (page != page_seen) page_seen = page, first_on_page = number(f[1]);
        if (f[2] != "image") continue;  // masks
        out.push_back({page, number(f[1]) - first_on_page, number(f[3]), number(f[4]), number(f[12]), number(f[13])});
    }
    return out;
}

// A PDF's pages as images for OCR, in a private directory removed at the end: a page that is one picture
// is that picture, at its own resolution (pdfimages: faster and better than a rendering); another is
// rendered by pdftoppm.
class pdf_pages {
public:
    /// `list_pictures` false: every page is rendered (a PDF of text, whose rules are wanted).
    pdf_pages(std::string_view bytes, const ocr_options &options, bool list_pictures = true) : options_(options) {
        try {  // the temporary directory and the PDF's copy in it
            dir_.emplace();
            pdf_ = dir_->write_file("report.pdf", bytes);
        } catch (const std::runtime_error &e) {
            fail(error_code::tool_failed, e.what());
        }
        if (list_pictures)
            pictures_ = pictures_of(run_poppler({"pdfimages", "-list", "-l", std::to_string(options.max_pages), pdf_}, options).out);
    }

    /// The PDF's copy in the private directory.
    const std::string &path() const noexcept { return pdf_; }

    const std::vector<pdf_picture> &pictures() const noexcept { return pictures_; }

    std::vector<pdf_picture> pictures_on(int page) const {
        std::vector<pdf_picture> out;
        std::copy_if(pictures_.begin(), pictures_.end(), std::back_inserter(out), [&](const pdf_picture &p) { return p.page == page; });
        return out;
    }

    /// The picture decoded, with its resolution (pdfimages numbers a page's images from 0 when asked for that page).
    std::pair<pix_ptr, int> picture(const pdf_picture &p) {
        const std::string prefix = dir_->path() + "/image";
        run_poppler({"pdfimages", "-all", "-p", "-f", std::to_string(p.page), "-l", std::to_string(p.page), pdf_, prefix}, options_);
        char stem[64];
        std::snprintf(stem, sizeof stem, "image-%03d-%03d.", p.page, p.image);
        for (const auto &e : std::filesystem::directory_iterator(dir_->path()))
            if (e.path().filename().string().starts_with(stem)) return {decode(e.path(), p.page), p.x_ppi};
        fail(error_code::tool_failed, "page " + std::to_string(p.page) + ": pdfimages wrote no picture " + std::to_string(p.image));
    }

    /// The whole page: its one picture when it has one at a plausible resolution, else rendered.
    std::pair<pix_ptr, int> page(int number) {
        const std::vector<pdf_picture> on = pictures_on(number);
        if (on.size() == 1 && on.front().x_ppi >= 100 && on.front().x_ppi <= 1200) return picture(on.front());
        return {rendered(number, options_.dpi), options_.dpi};
    }

    /// The page rendered by pdftoppm at `dpi`, in grey levels.
    pix_ptr rendered(int number, int dpi) {
        const std::string prefix = dir_->path() + "/page-" + std::to_string(number);
        run_poppler({options_.pdftoppm, "-r", std::to_string(dpi), "-gray", "-png", "-f", std::to_string(number), "-l",
                     std::to_string(number), "-singlefile", pdf_, prefix},
                    options_);
        return decode(prefix + ".png", number);
    }

private:
    static pix_ptr decode(const std::filesystem::path &file, int page) {
        std::ifstream in(file, std::ios::binary);
        const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        image_fault fault;
        pix_ptr image = decode_image(data, 0, fault);
        if (!image) fail(fault.code, "page " + std::to_string(page) + ": " + fault.detail);
        return image;
    }

    const ocr_options &options_;
    std::optional<temporary_directory> dir_;
    std::string pdf_;
    std::vector<pdf_picture> pictures_;
};

std::uint32_t page_of(const block &b) {
    return std::visit([](const auto &x) { return x.pos.page; }, b);
}

}  // namespace

document read_scanned_pdf(std::string_view bytes, const ocr_options &options) {
    pdf_pages pdf(bytes, options);
    std::set<int> pages;
    for (const pdf_picture &p : pdf.pictures()) pages.insert(p.page);
    if (pages.empty()) return {};  // no picture at all: nothing to read
    auto engine = make_recognizer();
    document doc;
    std::uint32_t tables = 0;
    for (int number : pages) {
        auto [image, dpi] = pdf.page(number);
        read_page(*engine, image.get(), dpi, static_cast<std::uint32_t>(number), tables, doc);
    }
    return doc;
}

std::size_t add_pictured_tables(std::string_view bytes, document &doc, const ocr_options &options) {
    std::set<std::uint32_t> with_text, with_tables;
    for (const block &b : doc.blocks) {
        with_text.insert(page_of(b));
        if (std::holds_alternative<table_block>(b)) with_tables.insert(page_of(b));
    }
    pdf_pages pdf(bytes, options);
    std::set<int> pages;  // holding a table-sized picture and no table of text
    for (const pdf_picture &p : pdf.pictures())
        if (p.table_sized() && !with_tables.contains(static_cast<std::uint32_t>(p.page))) pages.insert(p.page);
    if (pages.empty()) return 0;
    auto engine = make_recognizer();
    std::vector<block> read;  // in page order
    std::uint32_t tables = 0;
    for (int number : pages) {
        const auto page = static_cast<std::uint32_t>(number);
        if (!with_text.contains(page)) {  // a page that is pictures only: read whole, lines and tables
            document whole;
            auto [image, dpi] = pdf.page(number);
            read_page(*engine, image.get(), dpi, page, tables, whole);
            std::move(whole.blocks.begin(), whole.blocks.end(), std::back_inserter(read));
            continue;
        }
        // A page of text with pictures: its text is the text layer's; the tables are those in the pictures.
        for (const pdf_picture &p : pdf.pictures_on(number)) {
            if (!p.table_sized()) continue;
            document picture;
            auto [image, dpi] = pdf.picture(p);
            read_page(*engine, image.get(), dpi, page, tables, picture);
            for (block &b : picture.blocks)
                if (std::holds_alternative<table_block>(b)) read.push_back(std::move(b));
        }
    }
    // Each page's OCR'd blocks after the text layer's blocks of that page; tables numbered through the document.
    std::vector<block> merged;
    merged.reserve(doc.blocks.size() + read.size());
    std::size_t next = 0;
    for (block &b : doc.blocks) {
        while (next < read.size() && page_of(read[next]) < page_of(b)) merged.push_back(std::move(read[next++]));
        merged.push_back(std::move(b));
    }
    while (next < read.size()) merged.push_back(std::move(read[next++]));
    std::uint32_t table = 0;
    for (block &b : merged)
        if (auto *t = std::get_if<table_block>(&b); t && t->pos.table != 0) {
            t->pos.table = ++table;
            for (text_row &r : t->rows)
                for (text_cell &c : r.cells) c.pos.table = table;
        } else if (t) {
            ++table;
        }
    doc.blocks = std::move(merged);
    return pages.size();
}

namespace {

// A rendered page's ruled tables with their cells' text taken from the words inside them.
struct ruled_page {
    std::vector<std::pair<int, block>> blocks;  // tables and lines of text, by their top edge
    bool wrapped = false;                       // a cell holds a number wrapped over lines
    bool tables = false;
};

ruled_page read_ruled_page(pdf_pages &pdf, const page_words &words, int dpi, std::uint32_t &tables_so_far) {
    ruled_page out;
    pix_ptr image = pdf.rendered(words.number, dpi);
    pix_ptr grey(pixConvertTo8(image.get(), 0));
    pix_ptr binary(grey ? pixThresholdToBinary(grey.get(), 200) : nullptr);
    if (!binary) fail(error_code::out_of_memory, "page " + std::to_string(words.number) + ": the image cannot be prepared");
    const auto page = static_cast<std::uint32_t>(words.number);
    std::vector<rect> bounds;
    for (const table_grid &t : find_tables(binary.get(), dpi)) {
        bounds.push_back(t.bounds);
        out.blocks.emplace_back(t.bounds.y, table_of_grid(t, page, ++tables_so_far, [&](const grid_cell &g) {
                                    cell_words cw = words_in(words, g.box, dpi);
                                    out.wrapped = out.wrapped || cw.wrapped_number;
                                    text_cell c;
                                    c.text = std::move(cw.text);
                                    return c;
                                }));
        out.tables = true;
    }
    std::uint32_t line_number = 0;
    for (auto &[top, text] : lines_outside(words, bounds, dpi))
        out.blocks.emplace_back(top, paragraph_block{std::move(text), {++line_number, 0, page, 0, 0, 0}});
    std::stable_sort(out.blocks.begin(), out.blocks.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    return out;
}

// The pages a laid-out table's cells stand on.
std::set<std::uint32_t> pages_of(const table_block &t) {
    std::set<std::uint32_t> out{t.pos.page};
    for (const text_row &r : t.rows)
        for (const text_cell &c : r.cells)
            if (c.pos.page != 0) out.insert(c.pos.page);
    return out;
}

bool has_digit(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A table row broken by a page break: a page's first table starts with a row of numbers and no label,
// right after a row of numbers at the end of the previous page's last table. Each value printed in both
// parts (`133` | `64` for 13364) may have been cut anywhere: both are marked unknown ("?"), and the
// continuation row goes. Returns whether any row was broken so; with `apply` false, only says so.
bool continued_rows(std::map<std::uint32_t, ruled_page> &ruled, bool apply) {
    bool any = false;
    table_block *last = nullptr;  // the previous page's last table
    std::uint32_t last_page = 0;
    for (auto &[page, r] : ruled) {
        table_block *first = nullptr;
        for (auto &[top, b] : r.blocks)
            if (auto *t = std::get_if<table_block>(&b)) {
                if (!first) first = t;
                if (last && last_page + 1 == page && first == t && !t->rows.empty() && !last->rows.empty()) {
                    std::vector<text_cell> &head = t->rows.front().cells, &tail = last->rows.back().cells;
                    const bool unlabelled = std::none_of(head.begin(), head.end(), [](const text_cell &c) { return !c.text.empty() && !number_word(c.text); });
                    bool cut = false;
                    for (std::size_t j = 0; unlabelled && j < std::min(head.size(), tail.size()); ++j) {
                        text_cell &below = head[head.size() - 1 - j], &above = tail[tail.size() - 1 - j];
                        if (!has_digit(below.text) || !has_digit(above.text)) continue;
                        cut = true;
                        if (!apply) continue;
                        above.text = "?";
                        above.readings = cell_readings::unknown(unread_cause::cut_by_page_break);
                    }
                    if (cut && apply) t->rows.erase(t->rows.begin());
                    any = any || cut;
                }
            }
        last = nullptr;
        for (auto &[top, b] : r.blocks)
            if (auto *t = std::get_if<table_block>(&b)) last = t;
        last_page = page;
    }
    return any;
}

}  // namespace

std::size_t read_wrapped_tables(std::string_view bytes, document &doc, const ocr_options &options) {
    pdf_options text_options;
    text_options.word_box_pages = options.max_pages;
    const std::vector<page_words> pages = word_boxes_of_pdf(bytes, text_options);
    // The pre-test: pages where no number may wrap or be cut read the same from their laid-out text.
    std::set<int> suspect;
    for (const uncertain_number &n : numbers_needing_rules(pages)) suspect.insert(n.page);
    if (suspect.empty()) return 0;
    pdf_pages pdf(bytes, options, false);
    std::map<std::uint32_t, ruled_page> ruled;
    bool wrapped = false;
    std::uint32_t tables = 0;
    const auto read_ruled = [&](const page_words &p) {
        ruled_page r = read_ruled_page(pdf, p, options.rules_dpi, tables);
        wrapped = wrapped || r.wrapped;
        if (r.tables) ruled.emplace(static_cast<std::uint32_t>(p.number), std::move(r));
    };
    for (const page_words &p : pages)
        if (suspect.contains(p.number)) read_ruled(p);
    // (A page where no rules are found keeps its laid-out reading, as before the pre-test.)
    if (!wrapped && !continued_rows(ruled, false)) return 0;
    // Some number does wrap or is cut: the other pages with a table of numbers (a few number words at
    // least) are read from their rules too, so that the document's tables are read one way.
    for (const page_words &p : pages) {
        const auto numbers = std::count_if(p.words.begin(), p.words.end(), [](const word_box &w) { return number_word(w.text); });
        if (!suspect.contains(p.number) && numbers >= 4) read_ruled(p);
    }
    // A laid-out table that runs onto a ruled page is read from the rules on every page it covers (its
    // header may stand alone on the page before, without a number).
    std::set<std::uint32_t> more;
    for (const block &b : doc.blocks)
        if (const auto *t = std::get_if<table_block>(&b)) {
            const std::set<std::uint32_t> covered = pages_of(*t);
            if (std::any_of(covered.begin(), covered.end(), [&](std::uint32_t p) { return ruled.contains(p); }))
                for (std::uint32_t p : covered)
                    if (!ruled.contains(p)) more.insert(p);
        }
    for (const page_words &p : pages)
        if (more.contains(static_cast<std::uint32_t>(p.number)) && !suspect.contains(p.number))  // (suspects: read)
            if (ruled_page r = read_ruled_page(pdf, p, options.rules_dpi, tables); r.tables) ruled.emplace(static_cast<std::uint32_t>(p.number), std::move(r));
    continued_rows(ruled, true);
    // Every page with ruled tables is read from its rules and words (a table continued over pages is read
    // one way), in place of its laid-out reading; tables numbered through the document.
    std::vector<block> merged;
    merged.reserve(doc.blocks.size());
    auto next = ruled.begin();  // the ruled pages not placed yet, in page order
    const auto place_through = [&](std::uint32_t page) {
        for (; next != ruled.end() && next->first <= page; ++next)
            for (auto &[top, rb] : next->second.blocks) merged.push_back(std::move(rb));
    };
    for (block &b : doc.blocks) {
        const std::uint32_t page = page_of(b);
        place_through(page);
        if (ruled.contains(page)) continue;
        if (const auto *t = std::get_if<table_block>(&b)) {
            const std::set<std::uint32_t> covered = pages_of(*t);
            if (std::any_of(covered.begin(), covered.end(), [&](std::uint32_t p) { return ruled.contains(p); })) continue;
        }
        merged.push_back(std::move(b));
    }
    place_through(std::numeric_limits<std::uint32_t>::max());
    std::uint32_t table = 0;
    for (block &b : merged)
        if (auto *t = std::get_if<table_block>(&b)) {
            ++table;
            if (t->pos.table == 0) continue;
            t->pos.table = table;
            for (text_row &row : t->rows)
                for (text_cell &c : row.cells) c.pos.table = table;
        }
    doc.blocks = std::move(merged);
    return ruled.size();
}

}  // namespace xxgk::read
