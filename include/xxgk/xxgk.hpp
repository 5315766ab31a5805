#ifndef XXGK_XXGK_HPP
#define XXGK_XXGK_HPP

// Everything of the core: the format, the model, canonical JSON, the rules, the roster, 汇总 and indicators.

#include <xxgk/across.hpp>
#include <xxgk/aggregate.hpp>
#include <xxgk/format.hpp>
#include <xxgk/indicators.hpp>
#include <xxgk/json.hpp>
#include <xxgk/position.hpp>
#include <xxgk/report.hpp>
#include <xxgk/roster.hpp>
#include <xxgk/rules.hpp>
#include <xxgk/version.hpp>

#endif
