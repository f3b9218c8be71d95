#include "support/secret_watch.hpp"

#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
#include <unordered_set>

namespace cruddur::testing {

namespace {

constexpr std::size_t kMinSecret = 16;
constexpr std::size_t kMinPassword = 8;
// Lines no server log of the run may hold, secret or not: api::error_reply writes this one for an error code
// missing from core/error_codes.cpp (the one list of codes, checked against doc/api.md).
constexpr std::string_view kForbiddenPhrases[] = {"unregistered error code"};

struct Watch {
  std::mutex mutex;
  std::unordered_set<std::string> secrets;
  std::set<std::string> passwords;
  std::set<std::filesystem::path> logs;
  std::size_t logs_done = 0;
  std::vector<std::string> found_before;
};

Watch& watch() {
  static Watch w;  // a function-local static: outlives every test and every ServerProcess
  return w;
}

bool word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

// Caller holds the mutex.
std::vector<std::string> scan(const Watch& w, std::string_view text) {
  std::set<std::string> found;
  for (std::size_t i = 0; i < text.size();) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && word_char(text[end])) ++end;
    if (end - i >= kMinSecret) {
      std::string word(text.substr(i, end - i));
      if (w.secrets.count(word)) found.insert(word);
    }
    i = end;
  }
  for (const auto& password : w.passwords)
    if (text.find(password) != std::string_view::npos) found.insert(password);
  for (std::string_view phrase : kForbiddenPhrases) {
    if (auto at = text.find(phrase); at != std::string_view::npos) {
      found.insert(std::string(text.substr(at, text.find('\n', at) - at)));  // the whole line: it names the code
    }
  }
  return {found.begin(), found.end()};
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Caller holds the mutex.
std::vector<std::string> scan_log(const Watch& w, const std::filesystem::path& log) {
  std::vector<std::string> out;
  for (const auto& secret : scan(w, read_file(log))) {
    const bool phrase = secret.starts_with(kForbiddenPhrases[0]);
    out.push_back(log.string() + ": " + (phrase ? secret : secret.substr(0, 12) + "..."));
  }
  return out;
}

}  // namespace

void remember_secret(std::string_view secret) {
  if (secret.size() < kMinSecret) return;
  std::lock_guard lock(watch().mutex);
  watch().secrets.emplace(secret);
}

void remember_password(std::string_view password) {
  // The demo users' password is published (README) and `serve --demo` prints it on purpose for `make run`.
  if (password.size() < kMinPassword || password == "cruddur-demo-2026") return;
  std::lock_guard lock(watch().mutex);
  watch().passwords.emplace(password);
}

void watch_log(const std::filesystem::path& log) {
  std::lock_guard lock(watch().mutex);
  watch().logs.insert(log);
}

void unwatch_log(const std::filesystem::path& log) {
  Watch& w = watch();
  std::lock_guard lock(w.mutex);
  if (!w.logs.erase(log)) return;
  auto found = scan_log(w, log);
  w.found_before.insert(w.found_before.end(), found.begin(), found.end());
  ++w.logs_done;
}

std::vector<std::string> secrets_in(std::string_view text) {
  std::lock_guard lock(watch().mutex);
  return scan(watch(), text);
}

LogScan secrets_in_logs() {
  Watch& w = watch();
  std::lock_guard lock(w.mutex);
  LogScan result;
  result.found = w.found_before;
  for (const auto& log : w.logs) {
    auto found = scan_log(w, log);
    result.found.insert(result.found.end(), found.begin(), found.end());
  }
  result.logs = w.logs_done + w.logs.size();
  result.secrets = w.secrets.size() + w.passwords.size();
  return result;
}

}  // namespace cruddur::testing
