// The batch's threads: work shared over the cores, and the progress line on standard error.
#pragma once

#include <xxgk/xxgk.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

namespace xxgk::cli {

class progress_meter {
public:
    enum class phase { reading, checking };
    progress_meter(bool on, std::size_t total, xxgk::language lang) : on_(on), total_(total), lang_(lang) {}
    void show(phase p, std::size_t done, bool force = false) {
        if (!on_) return;
        const auto now = std::chrono::steady_clock::now();
        if (!force && now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        const bool zh = lang_ == xxgk::language::zh;
        std::cerr << (zh ? "\rxxgk：" : "\rxxgk: ")
                  << (p == phase::reading ? (zh ? "读取" : "reading") : (zh ? "检查" : "checking")) << " " << done << "/"
                  << total_ << std::flush;
        if (force) std::cerr << "\n";
    }

private:
    bool on_;
    std::size_t total_;
    xxgk::language lang_;
    std::chrono::steady_clock::time_point last_{};
};

// Starts up to `count` threads running `f`. A thread the system cannot start (memory, a thread limit) is
// not an error: the work is shared by those that started, possibly none.
template <class F>
std::vector<std::thread> start_threads(unsigned count, F &f) {
    std::vector<std::thread> threads;
    threads.reserve(count);
    for (unsigned t = 0; t < count; ++t) {
        try {
            threads.emplace_back(f);
        } catch (const std::exception &) {  // system_error from the system, bad_alloc for the thread's state
            break;
        }
    }
    return threads;
}

// Runs `work(i)` for i in [0, n) on up to `jobs` threads, the calling one included; `work` must be
// thread-safe per index. The first exception a worker throws stops the others and is rethrown here.
template <class Work>
void parallel_for(std::size_t n, unsigned jobs, Work work) {
    std::atomic<std::size_t> next{0};
    std::mutex m;
    std::exception_ptr failure;
    auto worker = [&] {
        try {
            for (std::size_t i; (i = next++) < n;) work(i);
        } catch (...) {
            std::lock_guard lock(m);
            if (!failure) failure = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> threads = start_threads(jobs - 1, worker);
    worker();
    for (auto &t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace xxgk::cli
