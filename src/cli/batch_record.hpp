// What pass 1 keeps of a readable report for pass 2 (see docs/batch.md): its own findings and what the
// outputs print of it, so that pass 2 prints it without reading and parsing the file again.
#pragma once

#include "batch_extract.hpp"
#include "cli.hpp"

#include <xxgk/xxgk.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::cli {

struct report_record {
    std::string agency;  // as printed; empty when unknown
    std::optional<xxgk::agency_kind> kind;
    std::optional<std::string> published;
    std::optional<long> late_days;
    /// What the reader found, the table rules and pub.late / pub.early: the findings `check` gives first.
    std::vector<xxgk::diagnostic> findings;
    /// Where each stock cell of the extract stood in the document (in `year_extract::stocks` order), for the
    /// positions of cross-year findings computed from the extracts.
    stock_positions stock_sources{};
    /// For `--db` only (else empty): the file's hash, title, format and table cells (database_cells).
    std::string content_hash, title, format, cells;
};

/// The record as bytes for the index, and back. `decode_record` throws input_error on bytes `encode_record`
/// did not write.
std::string encode_record(const report_record &r);
report_record decode_record(std::string_view bytes);

}  // namespace xxgk::cli
