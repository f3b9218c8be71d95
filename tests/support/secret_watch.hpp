#pragma once
// Log hygiene for the black-box tests: every access token, stream ticket and password the tests see pass
// by is remembered, every server log is watched, and secrets_in_logs() says which secrets any of those logs
// contains (issue 11: "log lines never contain a token, ticket or password", over the whole API test run).
//
// HttpClient remembers what it sends and receives (a request body's "password", a reply's "access_token"
// and "ticket"); ServerProcess watches its log from start to destruction, and scans it one last time before
// its temp dir goes. Tokens and tickets are matched as whole words (runs of [A-Za-z0-9._-]) through a hash
// set, so a long run costs one pass per log; passwords (which may hold spaces) by substring search.
//
// The same scan also reports any line holding "unregistered error code" (an API error code missing from
// core/error_codes.cpp), whole: not a secret, but a list out of date.
//
// Thread-safety: every function may be called from any thread (one mutex).

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cruddur::testing {

// Remembers a token or ticket (shorter than 16 characters: ignored, too likely to appear by chance).
void remember_secret(std::string_view secret);
// Remembers a password (shorter than 8 characters, or the published demo password: ignored).
void remember_password(std::string_view password);

void watch_log(const std::filesystem::path& log);
// Scans `log` once more (its findings are kept) and stops watching it.
void unwatch_log(const std::filesystem::path& log);

// Which remembered secrets `text` contains (each once, in no particular order).
std::vector<std::string> secrets_in(std::string_view text);

struct LogScan {
  std::size_t logs = 0;       // logs scanned, watched now or before
  std::size_t secrets = 0;    // secrets remembered
  std::vector<std::string> found;  // "<log>: <first characters of the secret>..." per finding
};
// Scans every watched log now, and adds what unwatched logs held when they were scanned last.
LogScan secrets_in_logs();

}  // namespace cruddur::testing
