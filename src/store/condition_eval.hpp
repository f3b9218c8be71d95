#pragma once
// Evaluating a Condition (table.hpp) against an item, with the contract's semantics, for engines that check
// conditions themselves (SQLite) and for tests. Pure functions; no thread affinity.
//
// - Numbers compare numerically and exactly (decimal text, any length, optional exponent), strings by the
//   byte order of their UTF-8 bytes.
// - A comparison (=, <>, <, <=, >, >=, begins_with) on a missing attribute is false, and so is one between
//   different kinds (string vs number) — including <>, which is "present, same kind, and different".

#include <string_view>

#include "store/item.hpp"
#include "store/table.hpp"

namespace cruddur::store {

// True when `text` is a decimal number: [+-]digits[.digits][e[+-]digits], at least one digit before or after
// the point ("1", "-0.5", ".5", "1e3", "12.").
bool is_decimal_number(std::string_view text);

// Three-way numeric comparison of two decimal numbers (<0, 0, >0). "1.0" == "1", "-0" == "0".
// Precondition: both satisfy is_decimal_number (otherwise the result is unspecified but defined).
int compare_decimal(std::string_view a, std::string_view b);

// Three-way comparison of two values of the same kind (numbers numerically, strings by bytes).
// Precondition: a.kind == b.kind.
int compare_same_kind(const AttributeValue& a, const AttributeValue& b);

// Whether one comparison holds for `item` (nullptr: no item exists).
bool comparison_holds(const Comparison& comparison, const Item* item);

// Whether the whole condition holds for `item` (nullptr: no item exists). An empty condition holds.
bool condition_holds(const Condition& condition, const Item* item);

}  // namespace cruddur::store
