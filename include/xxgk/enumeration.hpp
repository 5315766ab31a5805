#ifndef XXGK_ENUMERATION_HPP
#define XXGK_ENUMERATION_HPP

// Compile-time metadata for the format's enumerations: every enumeration is declared once with
// Boost.Describe (its identifiers are the spec's JSON keys) and its official Chinese labels are a
// constexpr array specialised right beside it (`labels_of<E>`), its English labels likewise (`english_labels_of<E>`).

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace xxgk {

/// Number of enumerators of a described enumeration.
template <class E>
inline constexpr std::size_t enum_count = boost::mp11::mp_size<boost::describe::describe_enumerators<E>>::value;

namespace detail {
template <class E>
constexpr std::array<std::string_view, enum_count<E>> make_enum_names() {
    std::array<std::string_view, enum_count<E>> names{};
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto d) { names[static_cast<std::size_t>(d.value)] = d.name; });
    return names;
}
}  // namespace detail

/// The spec identifiers of E in enumerator order (`names_of<applicant>[0] == "natural_person"`).
template <class E>
inline constexpr std::array<std::string_view, enum_count<E>> names_of = detail::make_enum_names<E>();

/// The official Chinese labels of E in enumerator order; specialised beside each enumeration.
template <class E>
inline constexpr std::array<std::string_view, enum_count<E>> labels_of = {};

/// English labels of E in enumerator order, in the style of the format's official English names; specialised
/// beside each enumeration that people read (every one `labels_of` has).
template <class E>
inline constexpr std::array<std::string_view, enum_count<E>> english_labels_of = {};

/// Position of an enumerator (enumerations here are dense and start at 0).
template <class E>
constexpr std::size_t index(E e) noexcept { return static_cast<std::size_t>(e); }

/// The spec identifier of an enumerator, e.g. `name(applicant::natural_person) == "natural_person"`.
template <class E>
constexpr std::string_view name(E e) noexcept { return names_of<E>[index(e)]; }

/// The official Chinese label of an enumerator, e.g. `label(applicant::natural_person) == "自然人"`.
template <class E>
constexpr std::string_view label(E e) noexcept { return labels_of<E>[index(e)]; }

/// The English label of an enumerator, e.g. `english_label(applicant::natural_person) == "Natural persons"`.
template <class E>
constexpr std::string_view english_label(E e) noexcept { return english_labels_of<E>[index(e)]; }

/// Message language.
BOOST_DEFINE_ENUM_CLASS(language, zh, en)
template <> inline constexpr std::array<std::string_view, 2> labels_of<language> = {"中文", "English"};
template <> inline constexpr std::array<std::string_view, 2> english_labels_of<language> = {"Chinese", "English"};

/// The label of an enumerator in `lang`: the official Chinese one or the English one.
template <class E>
constexpr std::string_view label(E e, language lang) noexcept {
    return lang == language::zh ? label(e) : english_label(e);
}

/// The enumerator whose spec identifier is `id`, or nothing.
template <class E>
constexpr std::optional<E> from_name(std::string_view id) noexcept {
    for (std::size_t i = 0; i < enum_count<E>; ++i)
        if (names_of<E>[i] == id) return static_cast<E>(i);
    return std::nullopt;
}

/// All enumerators of E in order, for range-for loops.
template <class E>
constexpr std::array<E, enum_count<E>> all_of() noexcept {
    std::array<E, enum_count<E>> values{};
    for (std::size_t i = 0; i < enum_count<E>; ++i) values[i] = static_cast<E>(i);
    return values;
}

/// A fixed-size array indexed by an enumeration.
template <class E, class T>
struct enum_array {
    std::array<T, enum_count<E>> items{};
    constexpr T &operator[](E e) noexcept { return items[index(e)]; }
    constexpr const T &operator[](E e) const noexcept { return items[index(e)]; }
    friend bool operator==(const enum_array &, const enum_array &) = default;
};

}  // namespace xxgk

#endif
