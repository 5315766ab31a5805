// Child processes and private temporary directories (see child_process.hpp for what is guaranteed).
// Everything between fork and exec, and everything in the signal handler, is async-signal-safe: the
// arguments, environment and paths are prepared before fork, the registries are fixed arrays of atomics.
#include "child_process.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string_view>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace xxgk::read {
namespace {

// ---- registries the termination handler reads -------------------------------------------------------

constexpr std::size_t registry_size = 64;

// A temporary directory's path; `state` 0 free, 1 being written, 2 registered, 3 being removed.
struct directory_slot {
    std::atomic<int> state{0};
    char path[PATH_MAX];
};
directory_slot directory_slots[registry_size];
// Process groups of running children; 0 is a free slot.
std::atomic<pid_t> child_groups[registry_size];

constexpr int termination_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};

// Removes `name` (relative to `dir`, or absolute) and, when it is a directory, everything under it,
// `depth` levels deep at most. Async-signal-safe. True when it is gone.
bool remove_tree(int dir, const char *name, int depth = 0) {
    if (::unlinkat(dir, name, 0) == 0 || errno == ENOENT) return true;
    if (errno != EISDIR || depth > 32) return false;
    const int fd = ::openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT;
    alignas(8) char buffer[2048];
    // Entries removed while reading may shift the rest: read again from the start until a pass is empty
    // or removes nothing.
    for (bool progress = true; progress;) {
        progress = false;
        bool any = false;
        ::lseek(fd, 0, SEEK_SET);
        for (ssize_t n; (n = ::getdents64(fd, buffer, sizeof buffer)) > 0;)
            for (ssize_t at = 0; at < n;) {
                const auto *entry = reinterpret_cast<const struct dirent64 *>(buffer + at);
                at += entry->d_reclen;
                if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0) continue;
                any = true;
                progress |= remove_tree(fd, entry->d_name, depth + 1);
            }
        if (!any) break;
    }
    ::close(fd);
    return ::unlinkat(dir, name, AT_REMOVEDIR) == 0 || errno == ENOENT;
}

extern "C" void on_termination(int signal) {
    const int saved = errno;
    for (std::atomic<pid_t> &group : child_groups)
        if (const pid_t pid = group.load(); pid > 0) ::kill(-pid, SIGKILL);
    for (directory_slot &slot : directory_slots) {
        int registered = 2;
        if (slot.state.compare_exchange_strong(registered, 3)) remove_tree(AT_FDCWD, slot.path);
    }
    errno = saved;
    // SA_RESETHAND restored the default action; the signal, blocked while this runs, ends the process
    // as soon as the handler returns.
    ::raise(signal);
}

// Installs the handler for each termination signal the process leaves at its default action (a host with
// its own handler, such as Python's for SIGINT, keeps it and unwinds normally).
void install_termination_handler() {
    static std::once_flag once;
    std::call_once(once, [] {
        for (int signal : termination_signals) {
            struct sigaction old {};
            if (::sigaction(signal, nullptr, &old) != 0 || (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
                continue;
            struct sigaction action {};
            action.sa_handler = on_termination;
            action.sa_flags = SA_RESETHAND;
            sigfillset(&action.sa_mask);
            ::sigaction(signal, &action, nullptr);
        }
    });
}

int register_directory(const std::string &path) {
    if (path.size() >= PATH_MAX) return -1;
    for (std::size_t i = 0; i < registry_size; ++i) {
        int expected = 0;
        if (!directory_slots[i].state.compare_exchange_strong(expected, 1)) continue;
        std::memcpy(directory_slots[i].path, path.c_str(), path.size() + 1);
        directory_slots[i].state.store(2);
        return static_cast<int>(i);
    }
    return -1;  // more than 64 at once: removed on every exit path except a signal
}

/// Registers a running child's process group for the termination handler while it lives.
class registered_group {
public:
    explicit registered_group(pid_t pid) {
        for (std::atomic<pid_t> &group : child_groups) {
            pid_t expected = 0;
            if (group.compare_exchange_strong(expected, pid)) {
                slot_ = &group;
                return;
            }
        }
    }
    registered_group(const registered_group &) = delete;
    registered_group &operator=(const registered_group &) = delete;
    ~registered_group() {
        if (slot_) slot_->store(0);
    }

private:
    std::atomic<pid_t> *slot_ = nullptr;
};

// ---- small helpers -----------------------------------------------------------------------------------

/// A file descriptor closed on scope exit.
class descriptor {
public:
    descriptor() = default;
    explicit descriptor(int fd) : fd_(fd) {}
    descriptor(descriptor &&other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    descriptor &operator=(descriptor &&other) noexcept {
        reset();
        fd_ = std::exchange(other.fd_, -1);
        return *this;
    }
    ~descriptor() { reset(); }
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

[[noreturn]] void cannot_start(const std::string &what) {
    throw child_error(child_error::kind::cannot_start, what + ": " + std::strerror(errno));
}

// A close-on-exec descriptor numbered 3 or more, so that moving it onto 0, 1 or 2 in the child never
// lands on itself or on another of the child's descriptors.
descriptor above_standard(int fd) {
    if (fd < 0 || fd > 2) return descriptor(fd);
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return descriptor(moved);
}

std::pair<descriptor, descriptor> make_pipe() {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) cannot_start("cannot create a pipe");
    return {above_standard(ends[0]), above_standard(ends[1])};
}

void set_limit(int resource, rlim_t soft, rlim_t hard) {
    const rlimit limit{soft, hard};
    ::setrlimit(resource, &limit);
}

// The child, between fork and exec: async-signal-safe calls only. Reports a failure as its errno on `report`.
[[noreturn]] void become(const char *path, char *const *argv, char *const *envp, const char *directory,
                         const child_limits &limits, pid_t parent, int input, int output, int errors, int report) {
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; ++signal)
        if (signal != SIGKILL && signal != SIGSTOP) ::sigaction(signal, &default_action, nullptr);
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent died before PR_SET_PDEATHSIG took effect
    if (limits.max_memory) set_limit(RLIMIT_AS, limits.max_memory, limits.max_memory);
    const rlim_t seconds = static_cast<rlim_t>((limits.timeout.count() + 999) / 1000) + 1;
    set_limit(RLIMIT_CPU, seconds, seconds + 1);
    if (limits.max_file_size) set_limit(RLIMIT_FSIZE, limits.max_file_size, limits.max_file_size);
    int error = 0;
    if (::dup2(input, 0) < 0 || ::dup2(output, 1) < 0 || ::dup2(errors, 2) < 0) error = errno;
    if (!error && ::syscall(SYS_close_range, 3u, ~0u, 4u /* CLOSE_RANGE_CLOEXEC */) != 0)
        for (int fd = 3; fd < 65536; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (!error && directory && ::chdir(directory) != 0) error = errno;
    if (!error) {
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execve(path, argv, envp);
        error = errno;
    }
    while (::write(report, &error, sizeof error) < 0 && errno == EINTR) {
    }
    ::_exit(127);
}

std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>> &overrides) {
    std::vector<std::string> env;
    for (char **e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const bool replaced = std::any_of(overrides.begin(), overrides.end(), [&](const auto &o) {
            return entry.size() > o.first.size() && entry.starts_with(o.first) && entry[o.first.size()] == '=';
        });
        if (!replaced) env.emplace_back(entry);
    }
    for (const auto &[name, value] : overrides) env.push_back(name + "=" + value);
    return env;
}

std::vector<char *> pointers_to(std::vector<std::string> &strings) {
    std::vector<char *> pointers;
    for (std::string &s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

std::string seconds(std::chrono::milliseconds ms) {
    const long long whole = ms.count() / 1000, tenths = ms.count() % 1000 / 100;
    return std::to_string(whole) + (tenths ? "." + std::to_string(tenths) : "") + " s";
}

std::string mebibytes(std::size_t bytes) {
    return bytes % (1 << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// Whether a file under `directory` has at least `size` bytes (at most 10,000 entries are looked at).
bool has_file_of_size(const std::string &directory, std::size_t size) {
    if (directory.empty()) return false;
    std::error_code error;
    std::size_t seen = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(directory, error);
         !error && it != std::filesystem::recursive_directory_iterator() && ++seen <= 10000; it.increment(error))
        if (it->is_regular_file(error) && it->file_size(error) >= size && !error) return true;
    return false;
}

}  // namespace

// ---- child_result ------------------------------------------------------------------------------------

bool child_result::succeeded() const { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

std::string child_result::describe() const {
    std::string_view line = err;
    while (!line.empty() && (line.front() == '\n' || line.front() == ' ')) line.remove_prefix(1);
    line = line.substr(0, std::min(line.find('\n'), std::size_t{200}));
    if (WIFSIGNALED(status)) {
        const char *abbreviation = ::sigabbrev_np(WTERMSIG(status));
        return "killed by signal " + std::to_string(WTERMSIG(status)) +
               (abbreviation ? std::string(" (SIG") + abbreviation + ")" : std::string()) +
               (line.empty() ? "" : ": " + std::string(line));
    }
    return "exit status " + std::to_string(WEXITSTATUS(status)) + (line.empty() ? "" : ": " + std::string(line));
}

// ---- run_child ---------------------------------------------------------------------------------------

std::string find_program(const std::string &program) {
    auto runnable = [](const std::string &path) {
        struct stat st {};
        return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
    };
    if (program.empty()) return {};
    if (program.find('/') != std::string::npos) return runnable(program) ? program : std::string();
    const char *path = std::getenv("PATH");
    const std::string_view dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
    for (std::size_t at = 0; at <= dirs.size();) {
        std::size_t end = dirs.find(':', at);
        if (end == std::string_view::npos) end = dirs.size();
        const std::string dir(dirs.substr(at, end - at));
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
        if (runnable(candidate)) return candidate;
        at = end + 1;
    }
    return {};
}

child_result run_child(const child_command &command, const child_limits &limits) {
    if (command.argv.empty()) throw child_error(child_error::kind::cannot_start, "no program to run");
    const std::string &name = command.argv.front();
    install_termination_handler();
    std::string path = find_program(name);
    if (path.empty())
        throw child_error(child_error::kind::not_found,
                          name + " not found" + (command.install_hint.empty() ? "" : ": " + command.install_hint));
    std::vector<std::string> arguments = command.argv;
    std::vector<std::string> environment = environment_with(command.environment);
    const std::vector<char *> argv = pointers_to(arguments), envp = pointers_to(environment);
    const char *directory = command.working_directory.empty() ? nullptr : command.working_directory.c_str();

    descriptor input = above_standard(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (input.get() < 0) cannot_start("cannot open /dev/null");
    auto [out_read, out_write] = make_pipe();
    auto [err_read, err_write] = make_pipe();
    auto [report_read, report_write] = make_pipe();

    // Signals stay blocked across fork, so that none reaches the child's copy of the termination handler.
    sigset_t all, previous;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0)
        become(path.c_str(), argv.data(), envp.data(), directory, limits, parent, input.get(), out_write.get(),
               err_write.get(), report_write.get());
    const int fork_error = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (pid < 0) {
        errno = fork_error;
        cannot_start("cannot start " + name);
    }
    ::setpgid(pid, pid);  // also done by the child; whichever runs first
    registered_group group(pid);
    bool reaped = false;
    int status = 0;
    rusage usage{};
    auto reap = [&] {
        while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
        }
        reaped = true;
    };
    // Whatever happens from here (a limit, an exception), the child's group is killed and the child reaped.
    struct cleanup {
        pid_t pid;
        bool &reaped;
        decltype(reap) &reap_it;
        ~cleanup() {
            if (reaped) return;
            ::kill(-pid, SIGKILL);
            reap_it();
        }
    } guard{pid, reaped, reap};

    input.reset();
    out_write.reset();
    err_write.reset();
    report_write.reset();
    int exec_error = 0;
    ssize_t n;
    while ((n = ::read(report_read.get(), &exec_error, sizeof exec_error)) < 0 && errno == EINTR) {
    }
    if (n == sizeof exec_error) {
        reap();
        errno = exec_error;
        if (exec_error == ENOENT)
            throw child_error(child_error::kind::not_found, name + " not found" +
                                                                (command.install_hint.empty() ? "" : ": " + command.install_hint));
        cannot_start("cannot run " + name);
    }

    descriptor exit_watch(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    child_result result;
    const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
    bool exited = false;
    char buffer[65536];
    auto fail = [&](child_error::kind kind, const std::string &message) {
        ::kill(-pid, SIGKILL);
        reap();
        throw child_error(kind, message);
    };
    while (!exited || out_read.get() >= 0 || err_read.get() >= 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) fail(child_error::kind::timed_out, name + " did not finish within " + seconds(limits.timeout));
        pollfd fds[3] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}, {exited ? -1 : exit_watch.get(), POLLIN, 0}};
        // Without a pidfd (Linux before 5.3) the child's exit is looked for every 50 ms.
        const long long wait_ms = exit_watch.get() < 0 && !exited ? 50 : 1000;
        const int ready = ::poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), wait_ms)));
        if (ready < 0 && errno != EINTR) fail(child_error::kind::cannot_start, std::string("poll failed: ") + std::strerror(errno));
        for (int k = 0; k < 2 && ready > 0; ++k) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t got = ::read(fds[k].fd, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR) continue;
            descriptor &fd = k == 0 ? out_read : err_read;
            if (got <= 0) {
                fd.reset();
                continue;
            }
            std::string &sink = k == 0 ? result.out : result.err;
            if (k == 1 && sink.size() >= 65536) continue;  // keep the start of a flood of warnings
            sink.append(buffer, static_cast<std::size_t>(got));
        }
        if (result.out.size() > limits.max_output)
            fail(child_error::kind::output_too_large, name + " printed more than " + std::to_string(limits.max_output) + " bytes");
        if (!exited) {
            siginfo_t info{};
            exited = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
            // The child is a zombie, so its group id cannot be reused yet: kill what it left behind in the
            // group, which closes the pipes they held.
            if (exited) ::kill(-pid, SIGKILL);
        }
    }
    reap();
    result.status = status;
    result.peak_memory_kib = usage.ru_maxrss;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
        throw child_error(child_error::kind::cpu_limit, name + " used more than " + seconds(limits.timeout) + " of CPU time");
    // Programs that catch SIGXFSZ themselves (LibreOffice aborts with "Fatal exception: Signal 25") are known
    // by the file they left cut at the limit in their working directory.
    if ((WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ) ||
        (!result.succeeded() && limits.max_file_size && has_file_of_size(command.working_directory, limits.max_file_size)))
        throw child_error(child_error::kind::file_too_large, name + " wrote a file larger than " + mebibytes(limits.max_file_size));
    return result;
}

// ---- temporary_directory -----------------------------------------------------------------------------

namespace {

std::string temporary_root() {
    const char *dir = std::getenv("TMPDIR");
    std::string root = dir && *dir ? dir : "/tmp";
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    return root;
}

// The pid in a name `xxgk-<pid>-XXXXXX`, or 0.
pid_t owner_of(std::string_view name) {
    if (!name.starts_with("xxgk-")) return 0;
    name.remove_prefix(5);
    const std::size_t dash = name.find('-');
    if (dash == 0 || dash == std::string_view::npos || name.size() - dash - 1 != 6) return 0;
    long pid = 0;
    for (char c : name.substr(0, dash)) {
        if (c < '0' || c > '9' || pid > 1'000'000'000) return 0;
        pid = pid * 10 + (c - '0');
    }
    return static_cast<pid_t>(pid);
}

}  // namespace

std::size_t remove_stale_temporary_directories() {
    const std::string root = temporary_root();
    DIR *dir = ::opendir(root.c_str());
    if (!dir) return 0;
    std::vector<std::string> stale;
    while (const dirent *entry = ::readdir(dir)) {
        const pid_t pid = owner_of(entry->d_name);
        if (pid <= 0 || pid == ::getpid()) continue;
        struct stat st {};
        if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode) ||
            st.st_uid != ::geteuid())
            continue;
        if (::kill(pid, 0) != 0 && errno == ESRCH) stale.emplace_back(entry->d_name);
    }
    std::size_t removed = 0;
    for (const std::string &name : stale) removed += remove_tree(::dirfd(dir), name.c_str());
    ::closedir(dir);
    return removed;
}

temporary_directory::temporary_directory() {
    static std::once_flag swept;
    std::call_once(swept, [] { remove_stale_temporary_directories(); });
    install_termination_handler();
    path_ = temporary_root() + "/xxgk-" + std::to_string(::getpid()) + "-XXXXXX";
    if (!::mkdtemp(path_.data()))
        throw std::runtime_error("cannot create a temporary directory in " + temporary_root() + ": " + std::strerror(errno));
    slot_ = register_directory(path_);
}

temporary_directory::~temporary_directory() {
    remove_tree(AT_FDCWD, path_.c_str());
    if (slot_ >= 0) {
        int registered = 2;
        directory_slots[slot_].state.compare_exchange_strong(registered, 0);
    }
}

std::string temporary_directory::write_file(const std::string &name, std::string_view bytes) const {
    const std::string file = path_ + "/" + name;
    descriptor fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0) throw std::runtime_error("cannot create the temporary file " + file + ": " + std::strerror(errno));
    for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("cannot write the temporary file " + file + ": " + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return file;
}

}  // namespace xxgk::read
