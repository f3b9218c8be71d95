#include "app/progress_display.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string_view>

namespace cruddur::app {

namespace {

struct DisplayState {
  std::string command;
  bool terminal = false;
  std::chrono::steady_clock::time_point last_line{};
};

void draw_bar(const DisplayState& state, std::string_view what, std::uint64_t done, std::uint64_t total, bool final) {
  constexpr int kWidth = 30;
  std::string bar;
  if (total > 0) {
    int filled = static_cast<int>(kWidth * std::min(done, total) / total);
    bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] ";
  }
  std::fprintf(stderr, "\r%s: %.*s %s%llu", state.command.c_str(), static_cast<int>(what.size()), what.data(),
               bar.c_str(), static_cast<unsigned long long>(done));
  if (total > 0) std::fprintf(stderr, "/%llu", static_cast<unsigned long long>(total));
  std::fprintf(stderr, final ? "\n" : "\x1b[K");
  std::fflush(stderr);
}

}  // namespace

transfer::Progress progress_display(std::string command) {
  auto state = std::make_shared<DisplayState>();
  state->command = std::move(command);
  state->terminal = ::isatty(STDERR_FILENO) == 1;
  return [state](std::string_view what, std::uint64_t done, std::uint64_t total, bool final) {
    if (state->terminal) return draw_bar(*state, what, done, total, final);
    auto now = std::chrono::steady_clock::now();
    if (!final && now - state->last_line < std::chrono::seconds(1)) return;
    state->last_line = now;
    std::fprintf(stderr, "%s: %.*s %llu", state->command.c_str(), static_cast<int>(what.size()), what.data(),
                 static_cast<unsigned long long>(done));
    if (total > 0) std::fprintf(stderr, "/%llu", static_cast<unsigned long long>(total));
    std::fprintf(stderr, final ? " done\n" : "\n");
  };
}

}  // namespace cruddur::app
