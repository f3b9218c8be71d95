#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace cruddur::http {

namespace {

bool valid_name(std::string_view name) {
  return !name.empty() && name.find_first_of("{}/@") == std::string_view::npos;
}

}  // namespace

std::vector<Router::PatternSegment> Router::parse_pattern(const std::string& pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  std::vector<PatternSegment> segments;
  std::set<std::string> names;
  if (pattern == "/") return segments;

  std::string_view rest(pattern);
  rest.remove_prefix(1);
  for (;;) {
    auto slash = rest.find('/');
    std::string_view text = rest.substr(0, slash);
    PatternSegment segment{PatternSegment::Kind::literal, std::string(text)};
    if (text.starts_with("@{") && text.ends_with("}")) {
      segment = {PatternSegment::Kind::at_param, std::string(text.substr(2, text.size() - 3))};
    } else if (text.starts_with("{") && text.ends_with("}")) {
      segment = {PatternSegment::Kind::param, std::string(text.substr(1, text.size() - 2))};
    }
    bool is_param = segment.kind != PatternSegment::Kind::literal;
    if (is_param && (!valid_name(segment.text) || !names.insert(segment.text).second)) {
      throw std::invalid_argument("route pattern has a bad or repeated parameter name: " + pattern);
    }
    if (!is_param && (text.empty() || text.find_first_of("{}") != std::string_view::npos)) {
      throw std::invalid_argument("route pattern has an empty or malformed segment: " + pattern);
    }
    segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return segments;
}

Router::Router(std::vector<api::Route> routes) {
  for (auto& route : routes) {
    Entry entry{route.method, parse_pattern(route.pattern), std::move(route.handler), route.pattern};
    if (entry.method.empty() || !entry.handler) {
      throw std::invalid_argument("route needs a method and a handler: " + route.pattern);
    }
    for (const auto& existing : entries_) {
      bool same_shape = existing.method == entry.method &&
                        existing.pattern.size() == entry.pattern.size() &&
                        !more_specific(existing, entry) && !more_specific(entry, existing);
      if (same_shape) throw std::invalid_argument("route registered twice: " + entry.method + " " + route.pattern);
    }
    entries_.push_back(std::move(entry));
  }
}

bool Router::matches(const Entry& entry, const std::vector<std::string>& segments) {
  if (entry.pattern.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& want = entry.pattern[i];
    const auto& have = segments[i];
    switch (want.kind) {
      case PatternSegment::Kind::literal:
        if (have != want.text) return false;
        break;
      case PatternSegment::Kind::at_param:
        if (have.size() < 2 || have.front() != '@') return false;
        break;
      case PatternSegment::Kind::param:
        if (have.empty()) return false;
        break;
    }
  }
  return true;
}

// Strict "a is more specific than b" for patterns of equal length: the first segment where their kind or
// literal text differs decides (literal < at_param < param; literals are compared by text only to give
// an order, and two different literals never match the same path anyway).
bool Router::more_specific(const Entry& a, const Entry& b) {
  for (size_t i = 0; i < a.pattern.size() && i < b.pattern.size(); ++i) {
    const auto& x = a.pattern[i];
    const auto& y = b.pattern[i];
    if (x.kind != y.kind) return x.kind < y.kind;
    if (x.kind == PatternSegment::Kind::literal && x.text != y.text) return x.text < y.text;
  }
  return false;
}

RouteMatch Router::match(std::string_view method, const std::vector<std::string>& segments) const {
  RouteMatch result;
  const Entry* best = nullptr;
  const Entry* best_get = nullptr;  // answers HEAD when no HEAD route matches
  std::set<std::string> allowed;
  for (const auto& entry : entries_) {
    if (!matches(entry, segments)) continue;
    allowed.insert(entry.method);
    if (entry.method == method && (!best || more_specific(entry, *best))) best = &entry;
    if (entry.method == "GET" && (!best_get || more_specific(entry, *best_get))) best_get = &entry;
  }
  if (!best && method == "HEAD") best = best_get;
  if (allowed.contains("GET")) allowed.insert("HEAD");
  if (best) {
    result.outcome = RouteMatch::Outcome::found;
    result.handler = &best->handler;
    result.pattern = best->text;
    result.index = static_cast<int>(best - entries_.data());
    for (size_t i = 0; i < segments.size(); ++i) {
      const auto& want = best->pattern[i];
      if (want.kind == PatternSegment::Kind::param) result.params[want.text] = segments[i];
      if (want.kind == PatternSegment::Kind::at_param) result.params[want.text] = segments[i].substr(1);
    }
  } else if (!allowed.empty()) {
    result.outcome = RouteMatch::Outcome::method_not_allowed;
    for (const auto& m : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += m;
    }
  }
  return result;
}

}  // namespace cruddur::http
