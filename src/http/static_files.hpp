#pragma once
// The built web app (Vite's dist/: index.html, assets/<hashed names>) served from a directory.
// Beast-free; replies are api::Response with full bodies (the session leaves the body out for HEAD).
//
// Contract, for any non-/api path:
//   - GET/HEAD of an existing regular file under the root: the file, content type by extension.
//     /assets/* is immutable for a year (hashed names); other files must be revalidated (no-cache).
//   - a missing /assets/* file: 404 JSON (a stale hashed script must not receive HTML).
//   - any other path: index.html with no-cache, so that deep links (/messages/abc) load the app.
//   - a "." or ".." segment, or a decoded segment holding '/', '\' or NUL: 404 JSON. Files are also resolved
//     with std::filesystem and must stay under the root (symlinks included).
//   - other methods: 405 with Allow: GET, HEAD.
//   - every HTML reply carries the Content-Security-Policy below (with any extra connect-src origins, e.g. the
//     Cognito endpoint the browser signs in against). nosniff and Referrer-Policy are the session's, on
//     every reply (security_headers.hpp).
// Files are read on each request (the app is small and the OS caches it); safe to call from many threads.

#include "api/exchange.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cruddur::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
inline constexpr std::string_view kImmutableCache = "public, max-age=31536000, immutable";

// kContentSecurityPolicy with `extra_connect_src` appended to connect-src (after 'self'), in order.
// Throws std::invalid_argument for a source that is empty or holds white space, ';' or ',' (which would
// change the policy's structure).
std::string content_security_policy_with(const std::vector<std::string>& extra_connect_src);

// The origin (scheme://host[:port]) of an absolute http(s) URL, lower-cased scheme, no path;
// "http://127.0.0.1:9229/" -> "http://127.0.0.1:9229". Throws std::invalid_argument for anything else.
std::string origin_of(std::string_view url);

class StaticFiles {
 public:
  // Throws std::invalid_argument when `root` is not a directory, or for a bad extra source (see above).
  explicit StaticFiles(const std::filesystem::path& root, const std::vector<std::string>& extra_connect_src = {});

  // `segments` are the decoded path segments of a non-/api request.
  api::Response serve(std::string_view method, const std::vector<std::string>& segments) const;

 private:
  std::filesystem::path root_;  // canonical
  std::string csp_;             // content_security_policy_with(extra_connect_src)
};

// "text/html; charset=utf-8" for "index.html"; "application/octet-stream" for unknown extensions.
std::string content_type_for(const std::filesystem::path& file);

}  // namespace cruddur::http
