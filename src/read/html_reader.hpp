// HTML reader: the pages of government portals, parsed with MyHTML (a full HTML5 parser), turned into
// paragraphs and data tables. Layout tables (a table with a table inside one of its cells, or with no row of
// two or more cells) are not emitted: their cells are read as running text and their inner tables in turn.
#pragma once

#include "document.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::read {

/// Reads an HTML page (UTF-8, optional BOM) into paragraphs and tables in document order. Paragraphs carry
/// the line and column (1-based, in characters) where their text starts; tables, rows and cells carry
/// `table`/`row`/`cell` (1-based, document order; `cell` counts the row's `<td>`/`<th>` as written) and
/// rowspan/colspan (values outside 1..1000 or unreadable count as 1). `<br>` and block elements inside a
/// cell become '\n'; `&nbsp;` and runs of white space become one space; `<script>`, `<style>`,
/// `<template>` and `<noscript>` are skipped; `<title>` is a paragraph (often the only place a crawled
/// page names the report), and so is hidden navigation (it is harmless to the mapper). Throws `read_exception` for input that is not UTF-8,
/// holds NUL bytes, nests deeper than 1000 elements or shows no text at all. Linear in the input.
/// `utf8_checked`: the caller has already found the text well-formed UTF-8 without NUL bytes (`to_utf8`
/// does), so it is not checked again.
document read_html(std::string_view utf8, bool utf8_checked = false);

namespace detail {

/// `bytes` without a UTF-8 byte order mark; throws `read_exception` naming the line and column of the first
/// byte that is not UTF-8 (or is NUL), with `what` (e.g. "HTML") at the start of the message. With
/// `already_checked` (the caller found it so) only the byte order mark is removed.
std::string_view checked_utf8(std::string_view bytes, std::string_view what, bool already_checked = false);

/// The byte length of the invisible character (zero-width space, joiners, word joiner, BOM) that `s` starts
/// with, or 0. Editors of portal pages scatter them; a number with one inside would not read as a number.
std::size_t invisible_prefix(std::string_view s) noexcept;

/// Appends `s` to `out` without its invisible characters.
void append_without_invisible(std::string &out, std::string_view s);

/// The paragraphs and tables of an HTML fragment inside another document (Markdown converters emit
/// `<table>` markup): every paragraph and cell is positioned by line and column in that document, the
/// fragment starting at line `first_line`, column 1; tables are numbered on from `tables`, which is updated.
/// Throws `read_exception` as `read_html` does, except that a fragment without text gives no blocks.
std::vector<block> html_fragment(std::string_view utf8, std::uint32_t first_line, std::uint32_t &tables);

}  // namespace detail

}  // namespace xxgk::read
