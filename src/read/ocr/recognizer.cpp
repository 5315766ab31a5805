// Tesseract 5 (LSTM) through its C++ API: chi_sim for text, eng restricted to digits for numbers.
#include "recognizer.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace xxgk::read::ocr {

namespace {

struct text_deleter {
    void operator()(char *p) const noexcept { delete[] p; }
};
using owned_text = std::unique_ptr<char[], text_deleter>;

std::unique_ptr<tesseract::TessBaseAPI> engine(const char *language, bool digits_only) {
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    if (api->Init(nullptr, language, tesseract::OEM_LSTM_ONLY) != 0)
        throw std::runtime_error(std::string("Tesseract cannot load the language '") + language +
                                 "' (Debian: apt-get install tesseract-ocr-" + (language == std::string("chi_sim") ? "chi-sim" : language) +
                                 ", or set TESSDATA_PREFIX)");
    api->SetVariable("debug_file", "/dev/null");
    if (digits_only) {
        api->SetVariable("tessedit_char_whitelist", "0123456789");
        api->SetVariable("lstm_choice_mode", "2");
    } else {
        api->SetVariable("preserve_interword_spaces", "1");
    }
    return api;
}

// Whether the UTF-8 sequence starting at `lead` is a wide (CJK or full-width) character.
bool is_wide(unsigned char lead) { return lead >= 0xE0; }

// Tesseract's chi_sim puts spaces between Chinese characters; they are not in the print.
std::string without_cjk_spaces(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') {
            std::size_t j = i;
            while (j < s.size() && s[j] == ' ') ++j;
            const bool wide_before = !out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80;
            const bool wide_after = j < s.size() && is_wide(static_cast<unsigned char>(s[j]));
            if (wide_before || wide_after || out.empty() || out.back() == '\n' || j == s.size() || s[j] == '\n') {
                i = j - 1;
                continue;
            }
            out += ' ';
            i = j - 1;
            continue;
        }
        out += s[i];
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// The digits of a cell the text pass read, or nothing when it holds anything but digits (and the usual
// misreadings of them: O and 〇 for 0, l, I and | for 1) and spaces.
std::optional<std::string> digits_of(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= '0' && c <= '9') out += static_cast<char>(c), ++i;
        else if (c == ' ' || c == '\n') ++i;
        else if (c == 'O' || c == 'o') out += '0', ++i;
        else if (c == 'l' || c == 'I' || c == '|') out += '1', ++i;
        else if (s.substr(i).starts_with("〇")) out += '0', i += 3;
        else return std::nullopt;
    }
    if (out.empty()) return std::nullopt;
    return out;
}

// A crop padded with white: Tesseract reads text that touches the image's edge badly.
pix_ptr padded(PIX *grey, int pixels) { return pix_ptr(pixAddBorder(grey, pixels, 255)); }

}  // namespace

recognizer::recognizer() : labels_(engine("chi_sim", false)), digits_(engine("eng", true)) {}

recognizer::~recognizer() {
    if (labels_) labels_->End();
    if (digits_) digits_->End();
}

std::vector<text_line> recognizer::read_lines(PIX *grey, int dpi, const std::vector<rect> &skip) {
    std::vector<text_line> out;
    pix_ptr page(pixCopy(nullptr, grey));
    if (!page) return out;
    for (const rect &r : skip) {
        box_ptr b(boxCreate(r.x, r.y, r.w, r.h));
        pixSetInRect(page.get(), b.get());  // white
    }
    labels_->SetPageSegMode(tesseract::PSM_SINGLE_COLUMN);  // a report is one column; PSM_AUTO drops short centred lines
    labels_->SetImage(page.get());
    labels_->SetSourceResolution(dpi);
    if (labels_->Recognize(nullptr) != 0) return out;
    std::unique_ptr<tesseract::ResultIterator> it(labels_->GetIterator());
    if (!it) return out;
    do {
        owned_text t(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
        if (!t) continue;
        text_line line;
        line.text = without_cjk_spaces(t.get());
        if (line.text.empty()) continue;
        int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
        it->BoundingBox(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2);
        line.box = {x1, y1, x2 - x1, y2 - y1};
        line.confidence = it->Confidence(tesseract::RIL_TEXTLINE);
        out.push_back(std::move(line));
    } while (it->Next(tesseract::RIL_TEXTLINE));
    labels_->Clear();
    return out;
}

cell_text recognizer::read_cell_text(PIX *grey_cell, int dpi) {
    cell_text out;
    // Ink: dark pixels in components bigger than specks of noise.
    pix_ptr binary(pixThresholdToBinary(grey_cell, 160));
    const int speck = std::max(2, dpi / 60);
    pix_ptr ink(binary ? pixSelectBySize(binary.get(), speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr) : nullptr);
    l_int32 count = 0;
    if (!ink || pixCountPixels(ink.get(), &count, nullptr) != 0 || count < 4) {
        out.blank = true;
        return out;
    }
    out.inked = true;
    pix_ptr image = padded(grey_cell, std::max(6, dpi / 20));
    if (!image) return out;
    labels_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    labels_->SetImage(image.get());
    labels_->SetSourceResolution(dpi);
    owned_text text(labels_->GetUTF8Text());
    out.text = text ? without_cjk_spaces(text.get()) : std::string();
    out.confidence = static_cast<float>(labels_->MeanTextConf());
    out.blank = out.text.empty();
    labels_->Clear();
    return out;
}

std::vector<digit_reading> recognizer::read_digits(PIX *grey_cell, int dpi) {
    std::vector<digit_reading> out;
    pix_ptr image = padded(grey_cell, std::max(6, dpi / 20));
    if (!image) return out;
    digits_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    digits_->SetImage(image.get());
    digits_->SetSourceResolution(dpi);
    if (digits_->Recognize(nullptr) == 0) {
        std::unique_ptr<tesseract::ResultIterator> it(digits_->GetIterator());
        if (it && !it->Empty(tesseract::RIL_SYMBOL)) {
            do {
                owned_text s(it->GetUTF8Text(tesseract::RIL_SYMBOL));
                if (!s || s[0] < '0' || s[0] > '9') continue;
                digit_reading d;
                d.best = s[0];
                d.confidence = it->Confidence(tesseract::RIL_SYMBOL);
                tesseract::ChoiceIterator choice(*it);
                do {
                    const char *c = choice.GetUTF8Text();
                    if (!c || c[0] < '0' || c[0] > '9' || c[0] == d.best) continue;
                    if (std::none_of(d.alternatives.begin(), d.alternatives.end(), [&](auto &a) { return a.first == c[0]; }))
                        d.alternatives.emplace_back(c[0], choice.Confidence());
                } while (choice.Next());
                out.push_back(std::move(d));
            } while (it->Next(tesseract::RIL_SYMBOL));
        }
    }
    digits_->Clear();
    return out;
}

std::string digits_in(std::string_view text) { return digits_of(text).value_or(std::string()); }

std::size_t wide_characters(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        n += is_wide(static_cast<unsigned char>(text[i])) && !text.substr(i).starts_with("〇");
    return n;
}

}  // namespace xxgk::read::ocr
