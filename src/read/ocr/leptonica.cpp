// Page preparation with Leptonica: decode within a size bound, grey, deskew, binarise.
#include "leptonica.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace xxgk::read::ocr {

void quiet_leptonica() {
    static std::once_flag once;
    std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

namespace {

const l_uint8 *data_of(std::string_view bytes) { return reinterpret_cast<const l_uint8 *>(bytes.data()); }

bool is_tiff(int format) {
    return format == IFF_TIFF || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE || format == IFF_TIFF_G3 ||
           format == IFF_TIFF_G4 || format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG;
}

}  // namespace

pix_ptr decode_image(std::string_view bytes, int page, image_fault &fault) {
    quiet_leptonica();
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (bytes.empty() || pixReadHeaderMem(data_of(bytes), bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0) {
        fault = {error_code::damaged, "not an image Leptonica can decode (PNG, JPEG, TIFF)"};
        return nullptr;
    }
    if (w <= 0 || h <= 0 || static_cast<std::size_t>(w) * static_cast<std::size_t>(h) > max_page_pixels) {
        fault = {error_code::too_large, "image too large (more than 40 million pixels)"};
        return nullptr;
    }
    pix_ptr p(is_tiff(format) ? pixReadMemTiff(data_of(bytes), bytes.size(), page)
                              : (page == 0 ? pixReadMem(data_of(bytes), bytes.size()) : nullptr));
    if (!p) {
        fault = {error_code::damaged, "the image data is damaged"};
        return nullptr;
    }
    if (static_cast<std::size_t>(pixGetWidth(p.get())) * static_cast<std::size_t>(pixGetHeight(p.get())) > max_page_pixels) {
        fault = {error_code::too_large, "image too large (more than 40 million pixels)"};
        return nullptr;
    }
    return p;
}

int image_page_count(std::string_view bytes) {
    quiet_leptonica();
    l_int32 format = 0;
    if (bytes.size() < 8 || findFileFormatBuffer(data_of(bytes), &format) != 0) return 0;
    if (!is_tiff(format)) return 1;
    // TIFF: count the directories by decoding headers only is not offered for memory; count pages that read.
    int n = 0;
    while (n < 1000) {
        pix_ptr p(pixReadMemTiff(data_of(bytes), bytes.size(), n));
        if (!p) break;
        ++n;
    }
    return n;
}

page_image prepare_page(PIX *decoded, int known_dpi) {
    page_image out;
    l_int32 xres = 0, yres = 0;
    pixGetResolution(decoded, &xres, &yres);
    // The resolution: known for a rendered PDF; else the image's own when plausible (many writers put
    // 72 or nothing); else that of an A4 page as wide as the image (8.27 in).
    if (known_dpi > 0) out.dpi = known_dpi;
    else if (xres >= 100 && xres <= 1200) out.dpi = xres;
    else out.dpi = std::clamp(static_cast<int>(pixGetWidth(decoded) / 8.27), 100, 600);
    pix_ptr grey(pixConvertTo8(decoded, 0));
    if (!grey) return out;
    // The skew of the text lines (and of the table's rules) from the binary image; turned back when
    // Leptonica is confident and the angle is worth a rotation.
    pix_ptr binary(pixThresholdToBinary(grey.get(), 160));
    l_float32 angle = 0, confidence = 0;
    if (binary && pixFindSkew(binary.get(), &angle, &confidence) == 0 && confidence >= 2.5f && std::fabs(angle) >= 0.05f &&
        std::fabs(angle) <= 5.0f) {
        constexpr float radians_per_degree = 3.14159265f / 180.0f;
        pix_ptr rotated(pixRotate(grey.get(), radians_per_degree * angle, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
        if (rotated) {
            grey = std::move(rotated);
            out.skew_degrees = angle;
        }
    }
    // Rules are thin and, in a noisy or rotated scan, light in places: a light threshold keeps them whole.
    out.binary.reset(pixThresholdToBinary(grey.get(), 200));
    out.grey = std::move(grey);
    return out;
}

}  // namespace xxgk::read::ocr
