#pragma once
// Metrics in the Prometheus text exposition format 0.0.4: counters, gauges and histograms with fixed
// buckets, grouped in families with a small fixed set of label names, plus collectors (functions that append
// samples at scrape time, for numbers kept elsewhere as plain atomics). Beast-free and Asio-free: any layer
// may record into it. doc/observability.md lists the metric names the service exposes.
//
// Thread-safety: everything here may be used from any thread at once. Recording (Counter::inc, Gauge::add,
// Histogram::observe) is a few relaxed atomic operations, never a lock. Family::with() takes the family's
// mutex to find or create a child: code on a hot path looks its children up once and keeps the references.
// Ownership: the Registry owns its families, a family its children; references stay valid for the
// registry's life (children are never removed).

#include <atomic>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/mutex.hpp"

namespace cruddur::metrics {

enum class Type { counter, gauge, histogram };

template <typename Metric>
class Family;

// One label: name and value. The text writer escapes values; names must be valid Prometheus label names.
using Label = std::pair<std::string_view, std::string_view>;

// Only goes up.
class Counter {
 public:
  void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Goes up and down (open connections, queue depths).
class Gauge {
 public:
  void set(std::int64_t v) { value_.store(v, std::memory_order_relaxed); }
  void add(std::int64_t n) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Counts observations into fixed buckets (upper bounds, inclusive; +Inf implied) and sums them.
class Histogram {
 public:
  // `bounds`: finite, strictly ascending; throws std::invalid_argument otherwise.
  explicit Histogram(std::vector<double> bounds);

  // NaN is ignored.
  void observe(double value);

  struct Snapshot {
    std::vector<std::uint64_t> counts;  // per bucket, NOT cumulative; bounds().size() + 1 entries (+Inf last)
    double sum = 0;
    std::uint64_t count() const;
  };
  // Each number is read atomically, the whole not at one instant (as in every Prometheus client).
  Snapshot snapshot() const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;
  std::atomic<double> sum_{0};
};

// Seconds, 100 us .. 10 s: request, storage and directory latencies.
std::vector<double> latency_buckets();
// start, start*factor, ... (count bounds): sizes, e.g. exponential_buckets(1, 2, 9) = 1, 2, 4, .. 256.
std::vector<double> exponential_buckets(double start, double factor, int count);

// Appends families and their samples as exposition text. Registry::render uses it, and so do collectors.
// Order of calls: family(), then that family's samples, then the next family(). A family's samples must be
// written together (the format requires it), and one name must not be written twice in one scrape.
// Throws std::invalid_argument for an invalid metric or label name (a programming error).
class TextWriter {
 public:
  // `# HELP` and `# TYPE` lines. `help` is escaped.
  void family(std::string_view name, Type type, std::string_view help);

  // A counter or gauge sample of the current family: `name{labels} value`.
  void sample(double value, std::initializer_list<Label> labels = {});
  template <std::integral T>
  void sample(T value, std::initializer_list<Label> labels = {}) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    write_sample(name_, "", labels.begin(), labels.end(), {}, std::string_view(digits, end - digits));
  }
  // The `_bucket{le=..}` (cumulative), `_sum` and `_count` samples of one histogram of the current family.
  void histogram(const Histogram& histogram, std::initializer_list<Label> labels = {});
  void histogram(const Histogram& histogram, const std::vector<Label>& labels);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

  // Exposed for tests: the format's number and escaping rules.
  static std::string number_text(double value);  // shortest round-trip; +Inf, -Inf, NaN

 private:
  template <typename>
  friend class Family;
  void write_sample(std::string_view name, std::string_view suffix, const Label* begin, const Label* end,
                    std::string_view le, std::string_view value);

  std::string out_;
  std::string name_;  // the current family
  Type type_ = Type::counter;
};

// A function that writes families at scrape time (see TextWriter). Runs on the scraping thread, while
// other threads record: it must be thread-safe, quick, and must not register anything in the Registry.
using Collector = std::function<void(TextWriter&)>;

class FamilyBase {
 public:
  virtual ~FamilyBase() = default;
  virtual void render(TextWriter& out) const = 0;
};

// A metric name with its label names; one child metric per combination of label values.
template <typename Metric>
class Family final : public FamilyBase {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names,
         std::vector<double> bounds = {});

  // The child for these label values (as many as label names, in their order), created on first use.
  // Throws std::invalid_argument for the wrong number of values. Locks the family: keep the reference.
  Metric& with(std::initializer_list<std::string_view> values);
  Metric& with(const std::vector<std::string_view>& values);

  void render(TextWriter& out) const override;

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const std::vector<double> bounds_;  // histograms
  mutable Mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_ CRUDDUR_GUARDED_BY(mutex_);
};

class Registry {
 public:
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // Register a family. Throws std::invalid_argument for an invalid or already registered name, or invalid
  // label names (histograms may not use `le`).
  Family<Counter>& counter(std::string name, std::string help, std::vector<std::string> label_names = {});
  Family<Gauge>& gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  Family<Histogram>& histogram(std::string name, std::string help, std::vector<std::string> label_names,
                               std::vector<double> bounds);

  // Collectors run at every render(), after the registered families, in the order they were added.
  void add_collector(Collector collector);

  // The whole exposition: every family (in registration order, children ordered by label values), then
  // every collector's output.
  std::string render() const;

 private:
  template <typename Metric>
  Family<Metric>& add(std::string name, std::string help, std::vector<std::string> label_names,
                      std::vector<double> bounds);

  mutable Mutex mutex_;
  std::vector<std::string> names_ CRUDDUR_GUARDED_BY(mutex_);
  std::vector<std::unique_ptr<FamilyBase>> families_ CRUDDUR_GUARDED_BY(mutex_);
  std::vector<Collector> collectors_ CRUDDUR_GUARDED_BY(mutex_);
};

}  // namespace cruddur::metrics
