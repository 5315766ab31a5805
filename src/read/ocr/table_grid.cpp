// Ruled tables from their connected rules: the component, small gaps in its lines closed, inverted; the
// holes not touching its bounding box are the cells. Row and column starts are the cells' top and left
// edges clustered, so a cell's span is the number of starts it covers.
#include "table_grid.hpp"

#include <algorithm>
#include <optional>

namespace xxgk::read::ocr {

namespace {

// Sorted values grouped where neighbours differ by at most `tolerance`; each group's first value.
std::vector<int> cluster_starts(std::vector<int> values, int tolerance) {
    std::sort(values.begin(), values.end());
    std::vector<int> starts;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (i == 0 || values[i] - values[i - 1] > tolerance) starts.push_back(values[i]);
    return starts;
}

// Index of the group containing `v` (the last start not after v + tolerance).
int group_of(const std::vector<int> &starts, int v, int tolerance) {
    int g = 0;
    for (std::size_t i = 0; i < starts.size(); ++i)
        if (starts[i] <= v + tolerance) g = static_cast<int>(i);
    return g;
}

// Number of starts in [from, to).
int starts_within(const std::vector<int> &starts, int from, int to) {
    return static_cast<int>(std::count_if(starts.begin(), starts.end(), [&](int s) { return s >= from && s < to; }));
}

rect rect_of(BOXA *boxes, int i) {
    rect r;
    boxaGetBoxGeometry(boxes, i, &r.x, &r.y, &r.w, &r.h);
    return r;
}

// The cells inside one candidate component (its own pixels only, `at` its place on the page).
std::optional<table_grid> cells_of(PIX *component, rect at, int dpi) {
    // Close gaps of a pixel or two that noise and JPEG leave in thin rules; "safe": with a border, so a rule
    // a pixel thick on the component's edge is not eroded away (it would open the cells along it).
    pix_ptr closed(pixCloseSafeBrick(nullptr, component, 3, 3));
    if (!closed) return std::nullopt;
    pix_ptr holes_image(pixInvert(nullptr, closed.get()));
    if (!holes_image) return std::nullopt;
    boxa_ptr holes(pixConnComp(holes_image.get(), nullptr, 4));
    if (!holes) return std::nullopt;
    const int min_side = std::max(8, dpi / 12);  // a cell is at least a line of text high
    table_grid t;
    t.bounds = at;
    for (int i = 0; i < boxaGetCount(holes.get()); ++i) {
        const rect h = rect_of(holes.get(), i);
        if (h.x == 0 || h.y == 0 || h.right() >= at.w || h.bottom() >= at.h) continue;  // outside the rules
        if (h.w < min_side || h.h < min_side) continue;  // a hole in a letter touching a rule
        grid_cell c;
        c.box = {at.x + h.x, at.y + h.y, h.w, h.h};
        t.cells.push_back(c);
    }
    if (t.cells.size() < 2) return std::nullopt;
    // A rule is a few pixels wide: cells in one column start within that of each other.
    const int tolerance = std::max(3, dpi / 25);
    std::vector<int> lefts, tops;
    for (const grid_cell &c : t.cells) lefts.push_back(c.box.x), tops.push_back(c.box.y);
    const std::vector<int> columns = cluster_starts(lefts, tolerance), rows = cluster_starts(tops, tolerance);
    for (grid_cell &c : t.cells) {
        c.column = group_of(columns, c.box.x, tolerance);
        c.row = group_of(rows, c.box.y, tolerance);
        c.column_span = std::max(1, starts_within(columns, c.box.x - tolerance, c.box.right() - tolerance));
        c.row_span = std::max(1, starts_within(rows, c.box.y - tolerance, c.box.bottom() - tolerance));
    }
    std::sort(t.cells.begin(), t.cells.end(),
              [](const grid_cell &a, const grid_cell &b) { return a.row != b.row ? a.row < b.row : a.column < b.column; });
    t.rows = static_cast<int>(rows.size());
    t.columns = static_cast<int>(columns.size());
    return t;
}

}  // namespace

std::vector<table_grid> find_tables(PIX *binary, int dpi) {
    std::vector<table_grid> out;
    PIXA *raw = nullptr;
    boxa_ptr components(pixConnComp(binary, &raw, 8));
    pixa_ptr pieces(raw);
    if (!components || !pieces) return out;
    const int page_width = pixGetWidth(binary);
    for (int i = 0; i < boxaGetCount(components.get()); ++i) {
        const rect r = rect_of(components.get(), i);
        // A table's rules: wide (a quarter of the page at least) and at least two rows of text high.
        if (r.w < page_width / 4 || r.h < dpi / 4) continue;
        pix_ptr component(pixaGetPix(pieces.get(), i, L_CLONE));
        if (!component) continue;
        if (auto t = cells_of(component.get(), r, dpi)) out.push_back(std::move(*t));
    }
    std::sort(out.begin(), out.end(), [](const table_grid &a, const table_grid &b) { return a.bounds.y < b.bounds.y; });
    return out;
}

}  // namespace xxgk::read::ocr
