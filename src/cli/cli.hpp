// Shared pieces of the `xxgk` command: errors, argument helpers, input loading, the commands.
#pragma once

#include <xxgk/read.hpp>
#include <xxgk/xxgk.hpp>

#include <optional>
#include <span>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::cli {

/// Bad command line: message, then usage; exit status 2.
struct usage_error {
    std::string message;
};

/// An input that cannot be used (unreadable file, malformed document): exit status 2 for that file.
struct input_error {
    std::string message;
};

/// Output that could not be written (standard output, a page, a file): exit status 2.
struct output_error {
    std::string message;
};

/// While alive, std::cout writes to descriptor 1 through a buffer that keeps the first write error; closed
/// descriptors 0, 1 and 2 are opened on /dev/null first, so no file the command opens takes their number.
class standard_output {
public:
    standard_output();
    ~standard_output();
    standard_output(const standard_output &) = delete;
    standard_output &operator=(const standard_output &) = delete;

private:
    std::streambuf *previous_;
};

/// Throws output_error naming standard output and the reason when something written to std::cout was lost
/// (after writing out what is buffered, when `flush`).
void check_standard_output(bool flush);

using args = std::span<const std::string_view>;

/// Splits "a,b,c" at `sep`.
std::vector<std::string_view> split(std::string_view s, char sep);

/// The bytes of a file, or of standard input for "-". Throws input_error saying why in `lang`.
std::string read_input(const std::string &path, xxgk::language lang = xxgk::language::en);

/// Reads a report from the bytes of `path` in any supported input format (sniffed unless `format` is given),
/// with the reader's own findings. Throws input_error naming the position.
xxgk::read_result read_report(std::string_view content, const std::string &path,
                              std::optional<xxgk::input_format> format, xxgk::language lang);

/// `read_report` of the file `path`.
xxgk::read_result load_report(const std::string &path, std::optional<xxgk::input_format> format,
                              xxgk::language lang);

/// Walks a command's arguments as people type them: `--name=value` is the option `--name` with its value,
/// `--` ends the options (every later argument is a file, even one starting with `-`), `-` alone is a file.
class argument_reader {
public:
    explicit argument_reader(args list) : list_(list) {}
    /// Moves to the next argument; false after the last.
    bool next();
    /// Whether the argument is an option rather than a file.
    bool is_option() const { return option_; }
    /// The option's name (`--name` of `--name=value`), or the file.
    std::string_view name() const { return name_; }
    /// Whether the argument is `option`, one that takes no value (usage_error when a value is attached).
    bool flag(std::string_view option) const;
    /// The option's value: what follows `=`, else the next argument (usage_error when there is none).
    std::string_view value();

private:
    args list_;
    std::size_t next_ = 0;
    bool ended_ = false, option_ = false;
    std::string_view name_;
    std::optional<std::string_view> attached_;
};

/// The help of `command` ("" for `xxgk` itself) in `lang`.
std::string_view help_text(std::string_view command, xxgk::language lang);

/// The enumerator of E named `value`, for `option`; usage_error listing E's names otherwise.
template <class E>
E enum_option(std::string_view option, std::string_view value) {
    if (auto e = xxgk::from_name<E>(value)) return *e;
    std::string choices;
    for (std::string_view n : xxgk::names_of<E>) choices += (choices.empty() ? "" : "|") + std::string(n);
    throw usage_error{std::string(option) + " takes " + choices + ", not '" + std::string(value) + "'"};
}

/// `s` as valid UTF-8 without control characters, from which its bytes can be recovered: a backslash is
/// written `\\`, and each byte of a control character (C0, DEL, C1) or of a sequence that is not UTF-8 `\xNN`
/// (hex). Every output writes file names so, and text output everything taken from an input (docs/batch.md).
std::string escaped(std::string_view s);

/// The name a path is shown under in every output: `escaped`, "<stdin>" for "-".
inline std::string shown_name(const std::string &path) { return path == "-" ? "<stdin>" : escaped(path); }

/// One line of text output for a finding: file, position, severity, rule id, message, first JSON Pointer.
std::string finding_line(std::string_view file, const xxgk::diagnostic &d, xxgk::language lang);

// The commands; each returns the exit status.
int run_check(args a);
int run_rules(args a);
int run_schema(args a);
int run_render(args a);
int run_aggregate(args a);

}  // namespace xxgk::cli
