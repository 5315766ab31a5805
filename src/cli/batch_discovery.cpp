// Which files a batch run reads (see batch_discovery.hpp): report files by their extension, and why
// anything else a directory holds is skipped.
#include "batch_discovery.hpp"

#include <algorithm>
#include <filesystem>

namespace xxgk::cli {

namespace fs = std::filesystem;

constexpr std::string_view report_extensions[] = {".json", ".txt", ".md", ".html", ".htm", ".docx", ".pdf",
                                                  ".doc", ".wps", ".rtf", ".odt"};

bool has_report_extension(const fs::path &p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(std::begin(report_extensions), std::end(report_extensions), ext) != std::end(report_extensions);
}

namespace {

// Why a directory entry that is not a report file is not read ("" for a report file or a directory).
std::string skip_reason(const fs::directory_entry &entry, xxgk::language lang) {
    const bool zh = lang == xxgk::language::zh;
    std::error_code ec;
    const fs::file_status own = entry.symlink_status(ec);
    const fs::file_status target = fs::is_symlink(own) ? entry.status(ec) : own;
    if (fs::is_symlink(own) && fs::is_directory(target)) return zh ? "指向目录的链接，未跟随" : "a link to a directory, not followed";
    if (fs::is_symlink(own) && !fs::exists(target)) return zh ? "链接的目标不存在" : "a link to nothing";
    if (fs::is_directory(target)) return {};
    if (fs::is_fifo(target)) return zh ? "命名管道（FIFO），不是普通文件" : "a FIFO, not a regular file";
    if (fs::is_socket(target)) return zh ? "套接字，不是普通文件" : "a socket, not a regular file";
    if (fs::is_block_file(target) || fs::is_character_file(target))
        return zh ? "设备文件，不是普通文件" : "a device, not a regular file";
    if (!has_report_extension(entry.path()))
        return zh ? "扩展名不是可读取的报告格式（见 xxgk check --help）"
                  : "not a report format by its extension (see xxgk check --help)";
    return {};
}

}  // namespace

void collect(const std::vector<std::string> &args, file_index &index,
             std::unordered_map<std::size_t, std::shared_ptr<const std::string>> &given, bool &any_directory,
             skipped_files &skipped, xxgk::language lang) {
    for (const std::string &a : args) {
        std::error_code ec;
        if (a == "-" || !fs::is_directory(a, ec)) {
            if (a == "-") given[index.size()] = std::make_shared<const std::string>(read_input("-"));
            index.add(a);
            continue;
        }
        any_directory = true;
        std::vector<fs::path> pending{a};  // directories still to list (links to directories are not followed)
        while (!pending.empty()) {
            const fs::path dir = std::move(pending.back());
            pending.pop_back();
            fs::directory_iterator it(dir, ec), end;
            if (ec) index.add_found(dir.string());
            for (; !ec && it != end; it.increment(ec)) {
                const std::string reason = skip_reason(*it, lang);
                if (!reason.empty()) skipped.add(it->path().string(), reason);
                else if (it->is_directory(ec) && !it->is_symlink(ec)) pending.push_back(it->path());
                else index.add_found(it->path().string());
            }
        }
        index.take_found();
    }
    std::sort(skipped.listed.begin(), skipped.listed.end());
}

}  // namespace xxgk::cli
