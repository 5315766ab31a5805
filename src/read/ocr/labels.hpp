// The labels of the format's tables as OCR may misread them: a label cell's text is put back to the one
// label of format.hpp it is nearest to, when it is near enough to that one only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xxgk::read::ocr {

/// The format's label (as format.hpp prints it) that `text` misreads, or nothing when `text` is one
/// already (after the mapper's normalisation), is far from every label, or as near to two. Near: at most
/// one code point in five inserted, dropped or replaced (one for labels of 3 or 4 code points, none
/// for shorter ones); the number and dot of a label numbered `1.` may be read as any one code point.
std::optional<std::string> nearest_label(std::string_view text);

}  // namespace xxgk::read::ocr
