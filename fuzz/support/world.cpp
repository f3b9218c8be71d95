#include "world.hpp"

#include "api/stream_endpoint.hpp"
#include "app/config.hpp"
#include "auth/account_requests.hpp"
#include "auth/account_service.hpp"
#include "auth/token_key.hpp"
#include "core/clock.hpp"
#include "core/run_sync.hpp"

#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace cruddur::fuzz {

namespace {

std::string make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cruddur-fuzz-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("fuzz: mkdtemp failed");
  return pattern;
}

std::string g_dir;  // removed at exit
void remove_dir() {
  std::error_code ec;
  std::filesystem::remove_all(g_dir, ec);
}

users::User sign_up(auth::AccountService& accounts, const std::string& handle) {
  auth::SignupRequest request{handle, handle, handle + "@example.com", "fuzz-password-2026", "fuzz"};
  return run_sync(accounts.signup(std::move(request))).user;
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

World& World::get() {
  static World* world = new World();  // never destroyed (see services_)
  return *world;
}

World::World() : dir_(make_temp_dir()) {
  spdlog::set_level(spdlog::level::off);
  g_dir = dir_;
  std::atexit(remove_dir);
  app::Config config;
  config.data_dir = dir_;
  config.store = "sqlite";
  config.auth = "local";
  config.send_rate = 0;      // unlimited: every send reaches the domain
  config.export_rate = 0;
  config.threads = 1;
  services_ = new app::Services(config);
  run_sync(services_->schema_load());
  signer_ = new auth::TokenSigner(auth::load_token_key(dir_));
  auth::AccountService& accounts = *services_->api_context().accounts;
  alice_ = sign_up(accounts, "alice");
  bob_ = sign_up(accounts, "bob");
  messaging::SendRequest hello{"hello bob", std::nullopt, std::string("bob"), std::string("fuzz-seed-1")};
  group_ = run_sync(services_->messaging().send(alice_, std::move(hello))).message_group_uuid;
}

std::string World::substitute(std::string_view input) const {
  std::string text(input);
  if (text.find('@') == std::string::npos) return text;
  Microseconds now = services_->clock().now();
  replace_all(text, "@ALICE@", signer_->issue(alice_.uuid, now).token);
  replace_all(text, "@BOB@", signer_->issue(bob_.uuid, now).token);
  replace_all(text, kGroupPlaceholder, group_);
  replace_all(text, "@GROUP@", group_);
  return text;
}

std::string World::alice_ticket() {
  api::Response reply = services_->stream().issue_ticket(alice_);
  auto body = boost::json::parse(reply.body);
  return std::string(body.as_object().at("ticket").as_string());
}

void World::check_reply(int status, std::string_view what, std::string_view reply) {
  if (status != 500) return;
  std::fprintf(stderr, "fuzz: 500 for input:\n%.*s\nreply:\n%.*s\n", int(what.size()), what.data(),
               int(reply.size()), reply.data());
  std::abort();
}

}  // namespace cruddur::fuzz
