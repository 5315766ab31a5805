// Which files a batch run reads: the files given, and the report files found under directories.
#pragma once

#include "batch.hpp"
#include "batch_index.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace xxgk::cli {

/// Whether a file found in a directory is read as a report (its extension, case-insensitive).
bool has_report_extension(const std::filesystem::path &p);

/// Directories recurse (report files in sorted path order; what else they hold goes to `skipped` with the
/// reason; a directory that cannot be listed is taken as a file, so that pass 1 reports it unreadable with
/// the system's reason); files given by name are taken as they are. Standard input is read now (it cannot be
/// read twice) and kept in `given`, by its number in the index.
void collect(const std::vector<std::string> &args, file_index &index,
             std::unordered_map<std::size_t, std::shared_ptr<const std::string>> &given, bool &any_directory,
             skipped_files &skipped, xxgk::language lang);

}  // namespace xxgk::cli
