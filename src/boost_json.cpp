// The compiled part of Boost.JSON, once for the whole library (Debian's libboost_json.a is not PIC).
#include <boost/json/src.hpp>
