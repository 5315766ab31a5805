// Owning handles for Leptonica's images and boxes, and the page preparation OCR needs: decoding an image
// within a size bound, grey levels, deskewing and binarising.
#pragma once

#include <xxgk/errors.hpp>

#include <leptonica/allheaders.h>

#include <cstddef>
#include <memory>
#include <string_view>

namespace xxgk::read::ocr {

struct pix_deleter {
    void operator()(PIX *p) const noexcept { pixDestroy(&p); }
};
struct boxa_deleter {
    void operator()(BOXA *b) const noexcept { boxaDestroy(&b); }
};
struct box_deleter {
    void operator()(BOX *b) const noexcept { boxDestroy(&b); }
};
struct pixa_deleter {
    void operator()(PIXA *p) const noexcept { pixaDestroy(&p); }
};
using pix_ptr = std::unique_ptr<PIX, pix_deleter>;
using boxa_ptr = std::unique_ptr<BOXA, boxa_deleter>;
using box_ptr = std::unique_ptr<BOX, box_deleter>;
using pixa_ptr = std::unique_ptr<PIXA, pixa_deleter>;

/// A rectangle of a page in pixels.
struct rect {
    int x = 0, y = 0, w = 0, h = 0;
    int right() const noexcept { return x + w; }
    int bottom() const noexcept { return y + h; }
};

/// Largest page image decoded, in pixels (A3 at 400 dpi is 31 million).
inline constexpr std::size_t max_page_pixels = std::size_t{40} << 20;

/// One page ready for OCR: its grey levels (8 bpp, deskewed), a binary image of the same size, its
/// resolution and the rotation that was undone.
struct page_image {
    pix_ptr grey, binary;
    int dpi = 0;
    float skew_degrees = 0;
};

/// Why an image was not decoded: `too_large` beyond `max_page_pixels`, else `damaged`; `detail` in English.
struct image_fault {
    error_code code = error_code::damaged;
    const char *detail = "";
};

/// Decodes a PNG, JPEG or TIFF (or any format Leptonica reads) page; `nullptr` with `fault` set when the
/// bytes are no image or the image is larger than `max_page_pixels`. `page` picks a TIFF's page (0-based).
pix_ptr decode_image(std::string_view bytes, int page, image_fault &fault);

/// The number of pages of a TIFF image (1 for other formats, 0 when unreadable).
int image_page_count(std::string_view bytes);

/// Greys, deskews (rotations up to a few degrees, as measured by Leptonica's pixFindSkew) and binarises
/// a decoded page. `known_dpi` (> 0) is its resolution when the caller knows it (a rendered PDF).
page_image prepare_page(PIX *decoded, int known_dpi);

/// Silences Leptonica's messages on stderr (once per process).
void quiet_leptonica();

}  // namespace xxgk::read::ocr
