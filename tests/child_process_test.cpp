// Child processes: limits enforced, the child and what it started killed with the caller (SIGKILL and
// SIGTERM), temporary directories removed on every exit path, a clear error for a missing program.
#include "test_support.hpp"

#include "../src/read/child_process.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace xxgk::read;
using namespace std::chrono_literals;
using xxgk::test::eventually;

child_result sh(const std::string &script, const child_limits &limits = {}) {
    return run_child({{"sh", "-c", script}, {}, {}, {}}, limits);
}

child_error::kind failure_of(const std::string &script, const child_limits &limits) {
    try {
        sh(script, limits);
    } catch (const child_error &e) {
        return e.which();
    }
    ADD_FAILURE() << "no child_error for " << script;
    return child_error::kind::cannot_start;
}

bool exists(const std::string &path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

// A process that is gone or a zombie waiting for a reaper that is not its former parent.
bool running(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return false;
    const std::size_t close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}


std::string read_all(const std::string &path) {
    std::ifstream in(path);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return s;
}

TEST(child_process, runs_a_program_with_arguments_directory_and_environment_without_a_shell) {
    temporary_directory dir;
    const child_result r = run_child({{"sh", "-c", "pwd; printf '%s|' \"$0\" \"$XXGK_CHILD_TEST\"; echo oops >&2; exit 3", "a b;c"},
                                      dir.path(),
                                      {{"XXGK_CHILD_TEST", "x y"}},
                                      {}});
    EXPECT_EQ(r.out, dir.path() + "\na b;c|x y|");
    EXPECT_EQ(r.err, "oops\n");
    EXPECT_FALSE(r.succeeded());
    EXPECT_EQ(r.describe(), "exit status 3: oops");
    EXPECT_TRUE(run_child({{"true"}, {}, {}, {}}).succeeded());
}

TEST(child_process, says_which_program_is_missing_and_how_to_install_it) {
    for (const std::string program : {"xxgk-no-such-program", "/nonexistent/xxgk-no-such-program"}) {
        try {
            run_child({{program}, {}, {}, "install it (Debian: apt-get install it)"});
            ADD_FAILURE() << "ran " << program;
        } catch (const child_error &e) {
            EXPECT_EQ(e.which(), child_error::kind::not_found);
            EXPECT_EQ(std::string(e.what()), program + " not found: install it (Debian: apt-get install it)");
        }
    }
}

TEST(child_process, sets_memory_cpu_and_file_size_limits_in_the_child) {
    // dash's ulimit prints -t in seconds, -v in KiB and -f in 512-byte blocks.
    const child_result r = sh("ulimit -t; ulimit -v; ulimit -f", {2500ms, 1 << 20, std::size_t{100} << 20, 1 << 20});
    EXPECT_EQ(r.out, "4\n102400\n2048\n");
}

TEST(child_process, a_child_past_its_memory_limit_fails_to_allocate) {
    const child_result r = run_child({{"python3", "-c", "x = bytearray(400 << 20)"}, {}, {}, {}},
                                     {10s, 1 << 20, std::size_t{200} << 20, 0});
    EXPECT_FALSE(r.succeeded());
    EXPECT_NE(r.err.find("MemoryError"), std::string::npos) << r.err;
}

TEST(child_process, kills_a_child_past_its_time_output_or_file_size_limit) {
    EXPECT_EQ(failure_of("sleep 30", {300ms, 1 << 20, 0, 0}), child_error::kind::timed_out);
    EXPECT_EQ(failure_of("yes", {10s, 1 << 20, 0, 0}), child_error::kind::output_too_large);
    temporary_directory dir;
    EXPECT_EQ(failure_of("exec head -c 2000000 /dev/zero > " + dir.path() + "/big", {10s, 1 << 20, 0, 1 << 20}),
              child_error::kind::file_too_large);
    try {
        sh("sleep 30", {300ms, 1 << 20, 0, 0});
    } catch (const child_error &e) {
        EXPECT_STREQ(e.what(), "sh did not finish within 0.3 s");
    }
}

TEST(child_process, kills_what_the_child_left_running_in_its_group) {
    const child_result r = sh("sleep 60 & echo $!");
    const pid_t left = std::stoi(r.out);
    EXPECT_TRUE(eventually([&] { return !running(left); }));
}

TEST(child_process, a_timed_out_child_and_its_helpers_are_gone_when_run_child_throws) {
    temporary_directory dir;
    const std::string pids = dir.path() + "/pids";
    EXPECT_EQ(failure_of("sleep 60 & echo $! > " + pids + "; echo $$ >> " + pids + "; wait", {300ms, 1 << 20, 0, 0}),
              child_error::kind::timed_out);
    std::ifstream in(pids);
    for (pid_t pid; in >> pid;) EXPECT_TRUE(eventually([&] { return !running(pid); })) << pid;
}

// Forks a caller that makes a temporary directory and runs `sleep 60` in it, then sends it `signal`: the
// sleep must die with it. Returns the directory's path.
std::string kill_a_caller_with(int signal) {
    temporary_directory handoff;
    const std::string report = handoff.path() + "/report";
    const pid_t caller = ::fork();
    if (caller == 0) {
        try {
            temporary_directory dir;
            run_child({{"sh", "-c", "echo \"$PWD $$\" > " + report + ".part && mv " + report + ".part " + report + " && exec sleep 60"},
                       dir.path(),
                       {},
                       {}},
                      {60s, 1 << 20, 0, 0});
        } catch (...) {
        }
        ::_exit(0);
    }
    EXPECT_TRUE(eventually([&] { return exists(report); }));
    std::istringstream fields(read_all(report));
    std::string dir;
    pid_t child = 0;
    fields >> dir >> child;
    EXPECT_TRUE(running(child));
    EXPECT_TRUE(exists(dir));
    ::kill(caller, signal);
    int status = 0;
    ::waitpid(caller, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal) << status;
    EXPECT_TRUE(eventually([&] { return !running(child); })) << "the child outlived its caller";
    return dir;
}

/// TMPDIR set to a directory of its own while it lives, so that no other test process sweeps its stale
/// directories before the test looks at them.
class private_tmpdir {
public:
    private_tmpdir() {
        const char *old = std::getenv("TMPDIR");
        old_ = old ? old : "";
        had_ = old != nullptr;
        std::string root = (old && *old ? old_ : std::string("/tmp")) + "/xxgk-test-XXXXXX";
        if (!::mkdtemp(root.data())) throw std::runtime_error("mkdtemp");
        path_ = root;
        ::setenv("TMPDIR", path_.c_str(), 1);
    }
    ~private_tmpdir() {
        if (had_) ::setenv("TMPDIR", old_.c_str(), 1);
        else ::unsetenv("TMPDIR");
        std::system(("rm -rf '" + path_ + "'").c_str());
    }

private:
    std::string path_, old_;
    bool had_ = false;
};

TEST(child_process, the_child_dies_and_the_directory_goes_when_the_caller_gets_sigterm) {
    private_tmpdir tmp;
    const std::string dir = kill_a_caller_with(SIGTERM);
    EXPECT_FALSE(exists(dir));
}

TEST(child_process, the_child_dies_when_the_caller_gets_sigkill_and_the_next_run_removes_the_directory) {
    private_tmpdir tmp;
    const std::string dir = kill_a_caller_with(SIGKILL);
    EXPECT_TRUE(exists(dir));  // nothing runs on SIGKILL
    EXPECT_EQ(remove_stale_temporary_directories(), 1u);
    EXPECT_FALSE(exists(dir));
}

TEST(child_process, temporary_directories_are_private_and_removed_with_their_contents) {
    std::string path;
    {
        temporary_directory dir;
        path = dir.path();
        struct stat st {};
        ASSERT_EQ(::stat(path.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0700u);
        EXPECT_NE(path.find("/xxgk-" + std::to_string(::getpid()) + "-"), std::string::npos);
        dir.write_file("a", "bytes");
        ASSERT_TRUE(sh("mkdir -p " + path + "/d/e/f && touch " + path + "/d/e/f/g " + path + "/d/h && chmod 500 " + path + "/d/e").succeeded());
    }
    EXPECT_FALSE(exists(path));
}

TEST(child_process, stale_directories_of_living_processes_are_kept) {
    temporary_directory dir;
    const std::string root = dir.path().substr(0, dir.path().rfind('/'));
    const pid_t gone = ::fork();
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const std::string stale = root + "/xxgk-" + std::to_string(gone) + "-abcdef";
    const std::string alive = root + "/xxgk-" + std::to_string(::getppid()) + "-abcdef";
    const std::string other = root + "/xxgk-" + std::to_string(gone) + "-abc";
    for (const std::string &d : {stale, alive, other}) ::mkdir(d.c_str(), 0700);
    ::mkdir((stale + "/inner").c_str(), 0700);
    remove_stale_temporary_directories();
    EXPECT_FALSE(exists(stale));
    EXPECT_TRUE(exists(alive));
    EXPECT_TRUE(exists(other));
    EXPECT_TRUE(exists(dir.path()));
    for (const std::string &d : {alive, other}) ::rmdir(d.c_str());
}

}  // namespace
