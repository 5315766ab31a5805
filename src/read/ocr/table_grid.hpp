// Finding ruled tables on a page image: a table's rules form one large connected component of ink, and
// its cells are the holes that component encloses. Spanned cells are simply larger holes.
#pragma once

#include "leptonica.hpp"

#include <vector>

namespace xxgk::read::ocr {

/// A cell of a ruled table: its inside (between the rules) in page pixels, and its place on the grid that
/// the cells' edges make (0-based; spans as printed).
struct grid_cell {
    rect box;
    int row = 0, column = 0, row_span = 1, column_span = 1;
};

struct table_grid {
    rect bounds;                   // the rules' bounding box
    std::vector<grid_cell> cells;  // by row, then column
    int rows = 0, columns = 0;
};

/// The ruled tables of a binary page (1 bpp, ink = 1), top to bottom. `dpi` scales the size thresholds.
std::vector<table_grid> find_tables(PIX *binary, int dpi);

}  // namespace xxgk::read::ocr
