#ifndef XXGK_XXGK_HPP
#define XXGK_XXGK_HPP

// Everything of the core: the format, the model, canonical JSON and the rules.

#include <xxgk/across.hpp>
#include <xxgk/format.hpp>
#include <xxgk/json.hpp>
#include <xxgk/position.hpp>
#include <xxgk/report.hpp>
#include <xxgk/rules.hpp>
#include <xxgk/version.hpp>

#endif
