// The record pass 1 keeps of a report (see batch_record.hpp), as bytes: fixed-width integers in the
// machine's order (the index lives and dies with the run) and strings and lists with their length before them.
#include "batch_record.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace xxgk::cli {

namespace {

// Every field of a record, in order, for the writer and the reader alike.
template <class Archive, class Diagnostic>
    requires std::is_same_v<std::remove_const_t<Diagnostic>, xxgk::diagnostic>
void fields(Archive &a, Diagnostic &d) {
    a(d.which), a(d.level), a(d.state), a(d.cells), a(d.left), a(d.right), a(d.difference), a(d.text), a(d.source);
}

template <class Archive, class Record>
    requires std::is_same_v<std::remove_const_t<Record>, report_record>
void fields(Archive &a, Record &r) {
    a(r.agency), a(r.kind), a(r.published), a(r.late_days), a(r.findings);
    a.positions(r.stock_sources);
    a(r.content_hash), a(r.title), a(r.format), a(r.cells);
}

class writer {
public:
    template <class T>
        requires std::is_trivially_copyable_v<T>
    void operator()(const T &v) {
        out.append(reinterpret_cast<const char *>(&v), sizeof v);
    }
    void operator()(const std::string &s) {
        (*this)(static_cast<std::uint32_t>(s.size()));
        out.append(s);
    }
    template <class T>
    void operator()(const std::optional<T> &v) {
        (*this)(static_cast<bool>(v));
        if (v) (*this)(*v);
    }
    template <class T>
    void operator()(const std::vector<T> &v) {
        (*this)(static_cast<std::uint32_t>(v.size()));
        for (const T &e : v) (*this)(e);
    }
    void operator()(const xxgk::diagnostic &d) { fields(*this, d); }
    // JSON reports know no positions: one byte then instead of 432.
    void positions(const stock_positions &p) {
        const bool placed = std::any_of(p.begin(), p.end(), [](const xxgk::source_position &s) { return s != xxgk::source_position{}; });
        (*this)(placed);
        if (placed) (*this)(p);
    }
    std::string out;
};

class reader {
public:
    explicit reader(std::string_view in) : in_(in) {}
    template <class T>
        requires std::is_trivially_copyable_v<T>
    void operator()(T &v) {
        std::memcpy(&v, take(sizeof v).data(), sizeof v);
    }
    void operator()(std::string &s) { s = take(size()); }
    template <class T>
    void operator()(std::optional<T> &v) {
        bool present = false;
        (*this)(present);
        if (!present) return v.reset();
        (*this)(v.emplace());
    }
    template <class T>
    void operator()(std::vector<T> &v) {
        v.resize(size());
        for (T &e : v) (*this)(e);
    }
    void operator()(xxgk::diagnostic &d) { fields(*this, d); }
    void positions(stock_positions &p) {
        bool placed = false;
        (*this)(placed);
        if (placed) (*this)(p);
    }
    bool done() const { return in_.empty(); }

private:
    // A length, at most what is left (each element takes at least a byte).
    std::size_t size() {
        std::uint32_t n = 0;
        (*this)(n);
        if (n > in_.size()) cut_short();
        return n;
    }
    std::string_view take(std::size_t n) {
        if (n > in_.size()) cut_short();
        const std::string_view part = in_.substr(0, n);
        in_.remove_prefix(n);
        return part;
    }
    [[noreturn]] static void cut_short() { throw input_error{"temporary index: a report's record is cut short"}; }
    std::string_view in_;
};

}  // namespace

std::string encode_record(const report_record &r) {
    writer w;
    fields(w, r);
    return std::move(w.out);
}

report_record decode_record(std::string_view bytes) {
    reader in(bytes);
    report_record r;
    fields(in, r);
    if (!in.done()) throw input_error{"temporary index: a report's record is longer than written"};
    return r;
}

}  // namespace xxgk::cli
