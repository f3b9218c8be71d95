#include "core/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace cruddur::metrics {

namespace {

bool valid_name(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  auto word = [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
  };
  if (!word(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return word(c) || (c >= '0' && c <= '9'); });
}

void require_metric_name(std::string_view name) {
  if (!valid_name(name, true)) throw std::invalid_argument("invalid metric name: " + std::string(name));
}

void require_label_names(const std::vector<std::string>& names, Type type) {
  for (const auto& name : names) {
    bool reserved = name.starts_with("__") || (type == Type::histogram && name == "le");
    if (!valid_name(name, false) || reserved) throw std::invalid_argument("invalid label name: " + name);
  }
}

// HELP text: backslash and newline escaped. Label values: also the double quote.
void append_escaped(std::string& out, std::string_view text, bool quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

const char* type_name(Type type) {
  switch (type) {
    case Type::counter: return "counter";
    case Type::gauge: return "gauge";
    case Type::histogram: return "histogram";
  }
  return "untyped";
}

}  // namespace

// ---------------------------------------------------------------- Histogram

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    if (!std::isfinite(bounds_[i]) || (i > 0 && bounds_[i] <= bounds_[i - 1]))
      throw std::invalid_argument("histogram bounds must be finite and strictly ascending");
  }
}

void Histogram::observe(double value) {
  if (std::isnan(value)) return;
  auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();  // first bound >= value
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::uint64_t Histogram::Snapshot::count() const {
  std::uint64_t total = 0;
  for (auto n : counts) total += n;
  return total;
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot snapshot;
  snapshot.counts.reserve(bounds_.size() + 1);
  for (std::size_t i = 0; i <= bounds_.size(); ++i) snapshot.counts.push_back(counts_[i].load(std::memory_order_relaxed));
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

std::vector<double> latency_buckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::vector<double> exponential_buckets(double start, double factor, int count) {
  std::vector<double> bounds;
  for (double bound = start; count-- > 0; bound *= factor) bounds.push_back(bound);
  return bounds;
}

// ---------------------------------------------------------------- TextWriter

std::string TextWriter::number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char digits[32];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  return std::string(digits, end);
}

void TextWriter::family(std::string_view name, Type type, std::string_view help) {
  require_metric_name(name);
  name_ = name;
  type_ = type;
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  append_escaped(out_, help, false);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type_name(type);
  out_ += '\n';
}

void TextWriter::sample(double value, std::initializer_list<Label> labels) {
  write_sample(name_, "", labels.begin(), labels.end(), {}, number_text(value));
}

void TextWriter::write_sample(std::string_view name, std::string_view suffix, const Label* begin, const Label* end,
                              std::string_view le, std::string_view value) {
  if (name_.empty()) throw std::invalid_argument("metrics: a sample before its family");
  out_ += name;
  out_ += suffix;
  if (begin != end || !le.empty()) {
    out_ += '{';
    bool first = true;
    auto label = [&](std::string_view label_name, std::string_view label_value) {
      if (!first) out_ += ',';
      first = false;
      out_ += label_name;
      out_ += "=\"";
      append_escaped(out_, label_value, true);
      out_ += '"';
    };
    for (const Label* l = begin; l != end; ++l) {
      if (!valid_name(l->first, false)) throw std::invalid_argument("invalid label name: " + std::string(l->first));
      label(l->first, l->second);
    }
    if (!le.empty()) label("le", le);
    out_ += '}';
  }
  out_ += ' ';
  out_ += value;
  out_ += '\n';
}

void TextWriter::histogram(const Histogram& histogram, std::initializer_list<Label> labels) {
  this->histogram(histogram, std::vector<Label>(labels));
}

void TextWriter::histogram(const Histogram& histogram, const std::vector<Label>& labels) {
  auto snapshot = histogram.snapshot();
  const Label* begin = labels.data();
  const Label* end = begin + labels.size();
  std::uint64_t cumulative = 0;
  const auto& bounds = histogram.bounds();
  for (std::size_t i = 0; i <= bounds.size(); ++i) {
    cumulative += snapshot.counts[i];
    std::string le = i < bounds.size() ? number_text(bounds[i]) : "+Inf";
    write_sample(name_, "_bucket", begin, end, le, std::to_string(cumulative));
  }
  write_sample(name_, "_sum", begin, end, {}, number_text(snapshot.sum));
  write_sample(name_, "_count", begin, end, {}, std::to_string(cumulative));
}

// ---------------------------------------------------------------- Family

template <typename Metric>
Family<Metric>::Family(std::string name, std::string help, std::vector<std::string> label_names,
                       std::vector<double> bounds)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)), bounds_(std::move(bounds)) {}

template <typename Metric>
Metric& Family<Metric>::with(std::initializer_list<std::string_view> values) {
  return with(std::vector<std::string_view>(values));
}

template <typename Metric>
Metric& Family<Metric>::with(const std::vector<std::string_view>& values) {
  if (values.size() != label_names_.size())
    throw std::invalid_argument("metrics: " + name_ + " takes " + std::to_string(label_names_.size()) + " label values");
  std::vector<std::string> key(values.begin(), values.end());
  MutexLock lock(mutex_);
  auto& child = children_[std::move(key)];
  if (!child) {
    if constexpr (std::is_same_v<Metric, Histogram>) {
      child = std::make_unique<Histogram>(bounds_);
    } else {
      child = std::make_unique<Metric>();
    }
  }
  return *child;
}

template <typename Metric>
void Family<Metric>::render(TextWriter& out) const {
  constexpr Type type = std::is_same_v<Metric, Counter> ? Type::counter
                        : std::is_same_v<Metric, Gauge> ? Type::gauge
                                                        : Type::histogram;
  out.family(name_, type, help_);
  MutexLock lock(mutex_);
  std::vector<Label> labels(label_names_.size());
  for (const auto& [values, metric] : children_) {
    for (std::size_t i = 0; i < values.size(); ++i) labels[i] = {label_names_[i], values[i]};
    if constexpr (std::is_same_v<Metric, Histogram>) {
      out.histogram(*metric, labels);
    } else {
      out.write_sample(name_, "", labels.data(), labels.data() + labels.size(), {}, std::to_string(metric->value()));
    }
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

// ---------------------------------------------------------------- Registry

template <typename Metric>
Family<Metric>& Registry::add(std::string name, std::string help, std::vector<std::string> label_names,
                              std::vector<double> bounds) {
  constexpr Type type = std::is_same_v<Metric, Histogram> ? Type::histogram : Type::counter;
  require_metric_name(name);
  require_label_names(label_names, type);
  if constexpr (std::is_same_v<Metric, Histogram>) Histogram check(bounds);  // validates the bounds
  MutexLock lock(mutex_);
  if (std::find(names_.begin(), names_.end(), name) != names_.end())
    throw std::invalid_argument("metric registered twice: " + name);
  names_.push_back(name);
  auto family = std::make_unique<Family<Metric>>(std::move(name), std::move(help), std::move(label_names),
                                                 std::move(bounds));
  auto& result = *family;
  families_.push_back(std::move(family));
  return result;
}

Family<Counter>& Registry::counter(std::string name, std::string help, std::vector<std::string> label_names) {
  return add<Counter>(std::move(name), std::move(help), std::move(label_names), {});
}

Family<Gauge>& Registry::gauge(std::string name, std::string help, std::vector<std::string> label_names) {
  return add<Gauge>(std::move(name), std::move(help), std::move(label_names), {});
}

Family<Histogram>& Registry::histogram(std::string name, std::string help, std::vector<std::string> label_names,
                                       std::vector<double> bounds) {
  return add<Histogram>(std::move(name), std::move(help), std::move(label_names), std::move(bounds));
}

void Registry::add_collector(Collector collector) {
  MutexLock lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Registry::render() const {
  TextWriter out;
  std::vector<Collector> collectors;
  {
    MutexLock lock(mutex_);
    for (const auto& family : families_) family->render(out);
    collectors = collectors_;
  }
  for (const auto& collector : collectors) collector(out);  // outside the lock (see Collector)
  return out.take();
}

}  // namespace cruddur::metrics
