#ifndef XXGK_VERSION_HPP
#define XXGK_VERSION_HPP

// The library version (semantic versioning); the C ABI's SONAME follows the major version.

#define XXGK_VERSION_MAJOR 0
#define XXGK_VERSION_MINOR 1
#define XXGK_VERSION_PATCH 0
#define XXGK_VERSION_STRING "0.1.0"

#endif
