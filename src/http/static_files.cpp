#include "http/static_files.hpp"

#include "api/error_reply.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace cruddur::http {

namespace fs = std::filesystem;

namespace {

bool is_traversal(const std::string& segment) {
  return segment == "." || segment == ".." || segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos;
}

bool is_under(const fs::path& candidate, const fs::path& root) {
  auto [root_end, _] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return root_end == root.end();
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(content).str();
}

api::Response not_found() {
  auto response = api::error_reply(Error::not_found());
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

std::string content_type_for(const fs::path& file) {
  static const std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [ext, type] : types) {
    if (extension == ext) return std::string(type);
  }
  return "application/octet-stream";
}

std::string content_security_policy_with(const std::vector<std::string>& extra_connect_src) {
  std::string policy(kContentSecurityPolicy);
  if (extra_connect_src.empty()) return policy;
  std::string extra;
  for (const auto& source : extra_connect_src) {
    if (source.empty() || source.find_first_of(" \t\r\n;,'\"") != std::string::npos)
      throw std::invalid_argument("content security policy: bad connect-src source '" + source + "'");
    extra += ' ';
    extra += source;
  }
  constexpr std::string_view connect = "connect-src 'self'";
  auto at = policy.find(connect);
  policy.insert(at + connect.size(), extra);
  return policy;
}

std::string origin_of(std::string_view url) {
  auto bad = [&] { return std::invalid_argument("not an absolute http(s) URL: '" + std::string(url) + "'"); };
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) throw bad();
  std::string scheme(url.substr(0, scheme_end));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") throw bad();
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos ||
      authority.find_first_of(" \t\r\n;,'\"") != std::string_view::npos)
    throw bad();
  return scheme + "://" + std::string(authority);
}

StaticFiles::StaticFiles(const fs::path& root, const std::vector<std::string>& extra_connect_src)
    : csp_(content_security_policy_with(extra_connect_src)) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw std::invalid_argument("web root is not a directory: " + root.string());
  root_ = fs::canonical(root);
}

api::Response StaticFiles::serve(std::string_view method, const std::vector<std::string>& segments) const {
  if (method != "GET" && method != "HEAD") {
    auto response = api::error_reply(Error::method_not_allowed());
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  if (std::any_of(segments.begin(), segments.end(), is_traversal)) return not_found();

  bool is_asset = !segments.empty() && segments.front() == "assets";
  fs::path file = root_;
  for (const auto& segment : segments) file /= segment;

  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(file, ec);
  bool serve_file = !ec && is_under(resolved, root_) && fs::is_regular_file(resolved, ec);
  if (!serve_file) {
    if (is_asset) return not_found();
    resolved = root_ / "index.html";  // the app's own router handles the deep link
  }

  auto body = read_file(resolved);
  if (!body) return not_found();

  api::Response response;
  response.status = 200;
  response.body = std::move(*body);
  response.content_type = content_type_for(resolved);
  response.headers.emplace_back("Cache-Control", is_asset ? kImmutableCache : std::string_view("no-cache"));
  if (response.content_type.starts_with("text/html")) {
    response.headers.emplace_back("Content-Security-Policy", csp_);
  }
  return response;
}

}  // namespace cruddur::http
