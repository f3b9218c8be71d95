#pragma once
// The demo conversation seeded by `cruddur serve --demo` and `cruddur ddb seed`: andrewbrown and bayko talk
// about Babylon 5, one line a minute. Plain data; no thread affinity.
#include <span>
#include <string_view>
namespace cruddur::app {
struct DemoLine {
  bool from_andrew;          // true: andrewbrown says it; false: bayko says it
  std::string_view text;
};
std::span<const DemoLine> demo_conversation();
}  // namespace cruddur::app
