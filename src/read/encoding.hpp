// Turning a text document's bytes into UTF-8: UTF-8 with or without a BOM passes through, UTF-16 with a
// BOM and GB18030/GBK (detected: invalid UTF-8 that converts cleanly) are converted with glibc's iconv.
#pragma once

#include <xxgk/read.hpp>
#include <xxgk/text.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace xxgk::read {

/// The encodings `to_utf8` recognises.
enum class text_encoding { utf8, utf8_bom, utf16le, utf16be, gb18030 };

/// The name of an encoding as users know it (`UTF-8`, `GB18030`, …).
std::string_view encoding_name(text_encoding e) noexcept;

using xxgk::invalid_utf8_at;  // <xxgk/text.hpp>

/// The text as UTF-8 without a BOM, and the encoding it came in. Fails (returns nothing, fills `error`
/// naming the byte offset) for text that is neither UTF-8, UTF-16 with a BOM nor GB18030, and for NUL bytes.
std::optional<std::string> to_utf8(std::string_view bytes, read_error &error, text_encoding *detected = nullptr);

}  // namespace xxgk::read
