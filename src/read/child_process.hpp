// Running helper programs (pdftotext, LibreOffice, OCR tools) as separate processes, bounded and cleaned up.
//
// A child runs without a shell, from an argument vector, in its own process group, with stdin from
// /dev/null and every inherited descriptor closed. In the child, before exec: PR_SET_PDEATHSIG(SIGKILL)
// (it dies when the thread that started it dies, so when xxgk dies, even by SIGKILL), RLIMIT_AS (memory),
// RLIMIT_CPU (the time limit rounded up, plus a second), RLIMIT_FSIZE (files it writes). In the parent:
// a wall-clock deadline and a bound on standard output; past either the whole process group is killed.
// The group is killed again after the child exits, so helpers it left behind die with it.
//
// Temporary files live in a `temporary_directory`, `$TMPDIR/xxgk-<pid>-XXXXXX` (mode 0700), removed with
// everything in it when the object goes away. On SIGTERM, SIGINT, SIGHUP and SIGQUIT (when the process has
// no handler of its own for them) a handler kills the running children's groups, removes the registered
// directories and lets the signal end the process as it would have. SIGKILL runs no code: the children die
// by PR_SET_PDEATHSIG, and the next process that makes a temporary directory removes every `xxgk-<pid>-*`
// directory of the same user whose pid no longer runs.
#pragma once

#include <xxgk/errors.hpp>

#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace xxgk::read {

/// What a child may use; past any of them it is killed and `run_child` throws `child_error`.
struct child_limits {
    /// Wall-clock time; also its CPU time (RLIMIT_CPU), rounded up to whole seconds, plus one.
    std::chrono::milliseconds timeout{60000};
    /// Bytes of standard output.
    std::size_t max_output = std::size_t{64} << 20;
    /// Address space (RLIMIT_AS) in bytes; 0 for none.
    std::size_t max_memory = std::size_t{1} << 30;
    /// Size of any file it writes (RLIMIT_FSIZE) in bytes; 0 for none.
    std::size_t max_file_size = 0;
};

/// A program to run.
struct child_command {
    /// The program and its arguments; a program name without a slash is looked up in PATH.
    std::vector<std::string> argv;
    /// The child's working directory; empty for the caller's.
    std::string working_directory;
    /// Environment variables set (or replaced) for the child on top of the caller's environment.
    std::vector<std::pair<std::string, std::string>> environment;
    /// Said when the program is not found, e.g. "install poppler-utils (Debian: apt-get install poppler-utils)".
    std::string install_hint;
};

/// How a child ended, with what it printed.
struct child_result {
    /// As from waitpid: test it with WIFEXITED, WEXITSTATUS, WIFSIGNALED, WTERMSIG.
    int status = 0;
    /// Its standard output, whole.
    std::string out;
    /// The start of its standard error (at most 64 KiB).
    std::string err;
    /// Peak resident memory in KiB (getrusage's ru_maxrss).
    long peak_memory_kib = 0;

    /// True when it exited with status 0.
    bool succeeded() const;
    /// "exit status 3: <first line of stderr>" or "killed by signal 11 (SIGSEGV)…", for error messages.
    std::string describe() const;
};

/// A child that could not be run to its end: the reason, for people, without a prefix.
class child_error : public std::runtime_error {
public:
    enum class kind { not_found, cannot_start, timed_out, output_too_large, cpu_limit, file_too_large };
    child_error(kind k, const std::string &message) : std::runtime_error(message), kind_(k) {}
    kind which() const noexcept { return kind_; }

private:
    kind kind_;
};

/// The reading error a child's failure means: output or a file beyond its bound is the input's size
/// (`too_large`); a missing program, a failed start, a time or CPU limit is the program's (`tool_failed`).
inline error_code error_code_of(const child_error &e) noexcept {
    const auto k = e.which();
    return k == child_error::kind::output_too_large || k == child_error::kind::file_too_large ? error_code::too_large
                                                                                              : error_code::tool_failed;
}

/// Runs `command` under `limits` and waits for it. Throws `child_error` when the program is missing or
/// cannot start, or when it passes its time, CPU, output or file-size limit (the child's group is killed
/// first); a nonzero exit or a crash is returned, for the caller to name.
child_result run_child(const child_command &command, const child_limits &limits = {});

/// The absolute path of `program` (itself when it has a slash, else searched in PATH), or "" when missing.
std::string find_program(const std::string &program);

/// A private directory `$TMPDIR/xxgk-<pid>-XXXXXX` (mode 0700), removed with its contents on destruction
/// and on the termination signals above. Throws `std::runtime_error` when it cannot be made.
class temporary_directory {
public:
    temporary_directory();
    temporary_directory(const temporary_directory &) = delete;
    temporary_directory &operator=(const temporary_directory &) = delete;
    ~temporary_directory();
    /// Its absolute path, without a trailing slash.
    const std::string &path() const { return path_; }
    /// Writes `bytes` to the file `name` inside it (mode 0600); throws `std::runtime_error`.
    std::string write_file(const std::string &name, std::string_view bytes) const;

private:
    std::string path_;
    int slot_ = -1;
};

/// Removes every `$TMPDIR/xxgk-<pid>-*` directory of this user whose process no longer runs; returns how
/// many. `temporary_directory` calls it once per process.
std::size_t remove_stale_temporary_directories();

}  // namespace xxgk::read
