#pragma once
// The whole service for fuzz targets (fuzz/*.cpp): app::Services on SQLite with local sign-in in a temp
// dir, built once per fuzzing process on first use and kept until exit. Two users, alice and bob, and one
// conversation between them, so inputs can reach the authenticated handlers: a fuzz input writes @ALICE@,
// @BOB@ (each replaced by a fresh valid access token of that user) and @GROUP@ (the conversation's uuid);
// see substitute(); inputs whose lengths matter (WebSocket frames) write kGroupPlaceholder, as long as a
// uuid, instead of @GROUP@. Sign-out revokes only the token of that one execution, so later inputs are unaffected.
//
// Oracle: a reply with status 500 means bad input reached an unexpected exception (the service promises a
// 4xx for bad input): check_reply() aborts with the request and the reply, so libFuzzer reports it.
//
// Thread-safety: call from the fuzzing thread only (libFuzzer runs one input at a time).

#include "api/exchange.hpp"
#include "app/services.hpp"
#include "auth/token_signer.hpp"
#include "users/user.hpp"

#include <string>
#include <string_view>

namespace cruddur::fuzz {

class World {
 public:
  static constexpr std::string_view kGroupPlaceholder = "@GROUP@@-@@@@-@@@@-@@@@-@@@@@@@@@@@@";
  static_assert(kGroupPlaceholder.size() == 36);

  static World& get();  // built on first call (quietens logging: spdlog off)

  app::Services& services() { return *services_; }
  const users::User& alice() const { return alice_; }
  const users::User& bob() const { return bob_; }
  const std::string& group() const { return group_; }

  // `input` with @ALICE@ / @BOB@ replaced by fresh tokens, kGroupPlaceholder and @GROUP@ by the
  // conversation's uuid.
  std::string substitute(std::string_view input) const;

  // Aborts (a libFuzzer crash) when `status` is 500; `what` describes the request for the report.
  // A fresh stream ticket of alice's (POST /api/stream/ticket).
  std::string alice_ticket();

  static void check_reply(int status, std::string_view what, std::string_view reply);

 private:
  World();
  std::string dir_;
  app::Services* services_;  // never destroyed: its threads may still run at exit
  auth::TokenSigner* signer_;
  users::User alice_, bob_;
  std::string group_;
};

}  // namespace cruddur::fuzz
