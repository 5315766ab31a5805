// The record pass 1 keeps of a report (see batch_record.hpp), as bytes: fixed-width integers in the
// machine's order (the index lives and dies with the run) and strings with their length before them.
#include "batch_record.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace xxgk::cli {

namespace {

class writer {
public:
    template <class T>
        requires std::is_trivially_copyable_v<T>
    void put(const T &v) {
        out.append(reinterpret_cast<const char *>(&v), sizeof v);
    }
    void put(std::string_view s) {
        put(static_cast<std::uint32_t>(s.size()));
        out.append(s);
    }
    template <class T>
    void put(const std::optional<T> &v) {
        put(static_cast<bool>(v));
        if (v) put(*v);
    }
    std::string out;
};

class reader {
public:
    explicit reader(std::string_view in) : in_(in) {}
    template <class T>
        requires std::is_trivially_copyable_v<T>
    void get(T &v) {
        std::memcpy(&v, take(sizeof v).data(), sizeof v);
    }
    void get(std::string &s) {
        std::uint32_t n = 0;
        get(n);
        s = take(n);
    }
    template <class T>
    void get(std::optional<T> &v) {
        bool present = false;
        get(present);
        if (!present) return v.reset();
        get(v.emplace());
    }
    bool done() const { return in_.empty(); }

private:
    std::string_view take(std::size_t n) {
        if (n > in_.size()) throw input_error{"temporary index: a report's record is cut short"};
        const std::string_view part = in_.substr(0, n);
        in_.remove_prefix(n);
        return part;
    }
    std::string_view in_;
};

}  // namespace

std::string encode_record(const report_record &r) {
    writer w;
    w.put(r.agency);
    w.put(r.kind);
    w.put(r.published);
    w.put(r.late_days);
    w.put(static_cast<std::uint32_t>(r.findings.size()));
    for (const xxgk::diagnostic &d : r.findings) {
        w.put(d.which);
        w.put(d.level);
        w.put(d.state);
        w.put(static_cast<std::uint32_t>(d.cells.size()));
        for (xxgk::cell_ref c : d.cells) w.put(c);
        w.put(d.left);
        w.put(d.right);
        w.put(d.difference);
        w.put(d.text);
        w.put(d.source);
    }
    // JSON reports know no positions: one byte then instead of 432.
    const bool placed = std::any_of(r.stock_sources.begin(), r.stock_sources.end(),
                                    [](const xxgk::source_position &p) { return p != xxgk::source_position{}; });
    w.put(placed);
    if (placed) w.put(r.stock_sources);
    w.put(r.content_hash);
    w.put(r.title);
    w.put(r.format);
    w.put(r.cells);
    return std::move(w.out);
}

report_record decode_record(std::string_view bytes) {
    reader in(bytes);
    report_record r;
    in.get(r.agency);
    in.get(r.kind);
    in.get(r.published);
    in.get(r.late_days);
    std::uint32_t findings = 0;
    in.get(findings);
    for (std::uint32_t k = 0; k < findings; ++k) {
        xxgk::diagnostic &d = r.findings.emplace_back();
        in.get(d.which);
        in.get(d.level);
        in.get(d.state);
        std::uint32_t cells = 0;
        in.get(cells);
        if (cells > bytes.size()) throw input_error{"temporary index: a report's record is cut short"};
        d.cells.resize(cells);
        for (xxgk::cell_ref &c : d.cells) in.get(c);
        in.get(d.left);
        in.get(d.right);
        in.get(d.difference);
        in.get(d.text);
        in.get(d.source);
    }
    bool placed = false;
    in.get(placed);
    if (placed) in.get(r.stock_sources);
    in.get(r.content_hash);
    in.get(r.title);
    in.get(r.format);
    in.get(r.cells);
    if (!in.done()) throw input_error{"temporary index: a report's record is longer than written"};
    return r;
}

}  // namespace xxgk::cli
