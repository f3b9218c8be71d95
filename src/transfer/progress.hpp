#pragma once
// How export, import and verify report their progress: `done` lines of `what` ("items", "users") so far, of
// `total` (0: not known in advance). Called after every page or batch, and once more with final = true.

#include <cstdint>
#include <functional>
#include <string_view>

namespace cruddur::transfer {

using Progress = std::function<void(std::string_view what, std::uint64_t done, std::uint64_t total, bool final)>;

}  // namespace cruddur::transfer
