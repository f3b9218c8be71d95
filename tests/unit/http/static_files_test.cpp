// Serving the built web app: content types, caching, deep links, security headers, no escape from the root.

#include "running_server.hpp"

#include "http/static_files.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cruddur::http::test {
namespace {

using testing::HttpClient;
namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

const std::string index_html = "<!doctype html><title>Cruddur</title><div id=root></div>";
const std::string app_js = "console.log('app')";
const std::string secret = "TOP-SECRET-OUTSIDE-WEB-ROOT";

class StaticFilesTest : public ::testing::Test {
 protected:
  StaticFilesTest() {
    write_file(web_root() / "index.html", index_html);
    write_file(web_root() / "assets" / "index-4f3a2b.js", app_js);
    write_file(web_root() / "assets" / "index-4f3a2b.css", "body{}");
    write_file(web_root() / "robots.txt", "User-agent: *");
    write_file(web_root() / "favicon.ico", std::string("\0\0\1\0", 4));
    write_file(base_.path() / "secret.txt", secret);
    fs::create_symlink(base_.path() / "secret.txt", web_root() / "linked.txt");

    ServerOptions options = test_options();
    options.web_root = web_root().string();
    server_.emplace(options, std::vector<api::Route>{route("GET", "/api/health", [](const api::Request&) {
                      api::Response r;
                      r.body = R"({"ok":true})";
                      return r;
                    })});
  }

  fs::path web_root() const { return base_.path() / "web"; }
  uint16_t port() const { return server_->port(); }

 private:
  testing::TempDir base_;
  std::optional<RunningServer> server_;
};

void expect_html_security_headers(const testing::Reply& reply) {
  EXPECT_EQ(reply.header("content-security-policy"), kContentSecurityPolicy);
  EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
}

TEST_F(StaticFilesTest, RootServesIndexHtmlWithSecurityHeadersAndNoCache) {
  HttpClient client(port());
  auto reply = client.get("/");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, index_html);
  EXPECT_EQ(reply.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(reply.header("cache-control"), "no-cache");
  expect_html_security_headers(reply);
}

TEST_F(StaticFilesTest, FilesAreServedWithTheirContentType) {
  HttpClient client(port());
  auto robots = client.get("/robots.txt");
  EXPECT_EQ(robots.status, 200);
  EXPECT_EQ(robots.body, "User-agent: *");
  EXPECT_EQ(robots.header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(robots.header("x-content-type-options"), "nosniff");

  auto icon = client.get("/favicon.ico");
  EXPECT_EQ(icon.header("content-type"), "image/x-icon");
  EXPECT_EQ(icon.body, std::string("\0\0\1\0", 4));

  EXPECT_EQ(client.get("/assets/index-4f3a2b.css").header("content-type"), "text/css; charset=utf-8");
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedForever) {
  HttpClient client(port());
  auto reply = client.get("/assets/index-4f3a2b.js");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, app_js);
  EXPECT_EQ(reply.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(reply.header("cache-control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, MissingAssetIs404NotTheApp) {
  HttpClient client(port());
  auto reply = client.get("/assets/index-old.js");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.body, R"({"errors":["not_found"]})");
}

TEST_F(StaticFilesTest, DeepLinksServeTheAppUncached) {
  HttpClient client(port());
  for (const char* target : {"/messages/abc", "/messages/new/@bob", "/signin?next=%2Fmessages"}) {
    auto reply = client.get(target);
    EXPECT_EQ(reply.status, 200) << target;
    EXPECT_EQ(reply.body, index_html) << target;
    EXPECT_EQ(reply.header("cache-control"), "no-cache") << target;
    expect_html_security_headers(reply);
  }
}

TEST_F(StaticFilesTest, HeadAnnouncesTheLengthWithoutTheBody) {
  HttpClient client(port());
  auto reply = client.request("HEAD", "/assets/index-4f3a2b.js");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("content-length"), std::to_string(app_js.size()));
  EXPECT_TRUE(reply.body.empty());
  EXPECT_EQ(client.get("/robots.txt").body, "User-agent: *");  // the connection is still in step
}

TEST_F(StaticFilesTest, OtherMethodsAre405) {
  HttpClient client(port());
  auto reply = client.post("/messages/abc", "{}");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.header("allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, ApiPathsStayJson) {
  HttpClient client(port());
  EXPECT_EQ(client.get("/api/health").body, R"({"ok":true})");
  auto unknown = client.get("/api/unknown");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, R"({"errors":["not_found"]})");
  EXPECT_EQ(unknown.header("content-type"), "application/json");
}

TEST_F(StaticFilesTest, TraversalNeverLeavesTheWebRoot) {
  HttpClient client(port());
  for (const char* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                             "/assets/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets/..%2F..%2Fsecret.txt",
                             "/linked.txt", "/./../secret.txt", "/..%5csecret.txt"}) {
    std::string raw = client.raw(std::string("GET ") + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(raw.find(secret), std::string::npos) << target << " -> " << raw;
    EXPECT_EQ(raw.rfind("HTTP/1.1 ", 0), 0u) << target << " -> " << raw;  // answered, not dropped
  }
}

TEST(StaticFilesConstruction, WebRootMustBeADirectory) {
  EXPECT_THROW(StaticFiles("/nonexistent/web/root"), std::invalid_argument);
}

TEST(StaticFilesCsp, ExtraConnectSourcesAreAppendedToConnectSrcOnly) {
  EXPECT_EQ(content_security_policy_with({}), kContentSecurityPolicy);
  std::string policy = content_security_policy_with({"http://127.0.0.1:9229", "https://cognito-idp.eu-west-2.amazonaws.com"});
  EXPECT_NE(policy.find("connect-src 'self' http://127.0.0.1:9229 https://cognito-idp.eu-west-2.amazonaws.com; "),
            std::string::npos)
      << policy;
  EXPECT_NE(policy.find("default-src 'self'; "), std::string::npos) << policy;
  EXPECT_NE(policy.find("script-src 'self'; "), std::string::npos) << policy;
  EXPECT_EQ(policy.size(), kContentSecurityPolicy.size() +
                               std::string(" http://127.0.0.1:9229 https://cognito-idp.eu-west-2.amazonaws.com").size());
  for (const char* bad : {"", "a b", "x; script-src *", "'unsafe-inline'", "a,b"}) {
    EXPECT_THROW(content_security_policy_with({bad}), std::invalid_argument) << bad;
  }
}

TEST(StaticFilesCsp, HtmlRepliesCarryTheExtraConnectSource) {
  testing::TempDir dir;
  write_file(dir.path() / "index.html", index_html);
  ServerOptions options = test_options();
  options.web_root = dir.path().string();
  options.extra_connect_src = {"http://127.0.0.1:9229"};
  RunningServer server(options, {});
  HttpClient client(server.port());
  auto reply = client.get("/messages");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("content-security-policy"), content_security_policy_with({"http://127.0.0.1:9229"}));
  EXPECT_NE(reply.header("content-security-policy").find("connect-src 'self' http://127.0.0.1:9229;"), std::string::npos);
}

TEST(StaticFilesCsp, OriginOfAnEndpointUrl) {
  EXPECT_EQ(origin_of("http://127.0.0.1:9229/"), "http://127.0.0.1:9229");
  EXPECT_EQ(origin_of("https://cognito-idp.us-east-1.amazonaws.com/"), "https://cognito-idp.us-east-1.amazonaws.com");
  EXPECT_EQ(origin_of("HTTPS://example.test:8443/a/b?c#d"), "https://example.test:8443");
  EXPECT_EQ(origin_of("http://localhost:1"), "http://localhost:1");
  for (const char* bad : {"", "127.0.0.1:9229", "ftp://x/", "http:///", "http://u@x/", "http://a;b/"}) {
    EXPECT_THROW(origin_of(bad), std::invalid_argument) << bad;
  }
}

TEST(ContentTypes, ByExtension) {
  EXPECT_EQ(content_type_for("a/index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("x.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("x.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("x.png"), "image/png");
  EXPECT_EQ(content_type_for("x.json"), "application/json");
  EXPECT_EQ(content_type_for("x.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("x.js.map"), "application/json");
  EXPECT_EQ(content_type_for("x.exe"), "application/octet-stream");
}

}  // namespace
}  // namespace cruddur::http::test
