#pragma once
// Writes JSON text straight into a string, without building a boost::json DOM first: the hot list routes
// render up to 100 objects per response, and a DOM costs an allocation per string and per object.
// String escaping is Boost.JSON's own serializer (the same bytes boost::json::serialize would write).
//
// The caller is responsible for well-formedness (begin/end pairs, a key before each member value); the
// writer only inserts the commas. Not thread-safe: one writer per response.

#include <boost/json/serializer.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace cruddur::api {

class JsonWriter {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // A member name; the next value written is its value. `name` must need no escaping (our member names
  // are ASCII literals), so it is copied as it is.
  void key(std::string_view name);
  void string(std::string_view value);
  void number(std::int64_t value);
  void null();
  // A finite double, shortest round-trip text (NaN and infinities, which JSON lacks, are written as null).
  void decimal(double value);
  // key + string, the common case.
  void member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }

  // Room for `bytes` of output without reallocating (a page knows roughly how long it will be).
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

  // The text written so far; the writer goes on where it stood (a streamed document takes it piece by piece).
  std::string take() { return std::exchange(out_, std::string()); }

 private:
  void open(char bracket);
  void close(char bracket);
  void separate();  // a comma unless this is the first element or the value of a key

  std::string out_;
  bool first_ = true;       // nothing written yet in the innermost container
  bool after_key_ = false;  // a key was written; its value comes next
  boost::json::serializer escaper_;
};

}  // namespace cruddur::api
