// The authorization matrix: every route, called by every kind of caller, answers what doc/api.md
// ("Who may call what") says, and a refused call changes nothing.
//
// Callers: the owner (started the conversation), the other member, a stranger (signed in, not a member),
// anonymous (no Authorization), an expired token (correctly signed with this server's key, expiry in the
// past), two forged tokens (the owner's token with the member's uuid put into its payload; a token signed
// with another key), and a revoked token (signed out). The server is one of this test's own, so that the
// test can read its token key (<data>/token.key, 32 raw bytes) to sign the expired token.
#include <sodium.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "api_fixture.hpp"
#include "core/base64url.hpp"

namespace cruddur::testing {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::string hmac_token(const std::string& key, const std::string& payload) {
  std::string token = "v2." + base64url::encode(payload);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return token + "." + base64url::encode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string random_token_id() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return base64url::encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

// The payload of one of our tokens ("v2.<payload>.<mac>"), decoded.
std::string payload_of(const std::string& token) {
  auto first = token.find('.'), last = token.rfind('.');
  return base64url::decode(token.substr(first + 1, last - first - 1)).value();
}

enum class Caller { owner, member, stranger, anonymous, expired, forged_payload, forged_key, revoked };

const std::map<Caller, std::string> kCallerNames = {
    {Caller::owner, "owner"},         {Caller::member, "other member"},
    {Caller::stranger, "stranger"},   {Caller::anonymous, "anonymous"},
    {Caller::expired, "expired"},     {Caller::forged_payload, "forged payload"},
    {Caller::forged_key, "other key"}, {Caller::revoked, "revoked"}};

const std::vector<Caller> kAllCallers = {Caller::owner,          Caller::member,     Caller::stranger,
                                         Caller::anonymous,      Caller::expired,    Caller::forged_payload,
                                         Caller::forged_key,     Caller::revoked};

class AuthorizationMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sodium_init() >= 0, true);
    owner = sign_up(client, "mx_owner");
    member = sign_up(client, "mx_member");
    stranger = sign_up(client, "mx_stranger");
    Reply first = send_to_handle(client, owner, member.handle, "matrix: hello", "mx-1");
    ASSERT_EQ(first.status, 200) << first.body;
    group = std::string(first.json().at("message_group_uuid").as_string());
    first_message = std::string(first.json().at("uuid").as_string());

    std::ifstream key_file(server.data().path() / "token.key", std::ios::binary);
    std::string key((std::istreambuf_iterator<char>(key_file)), std::istreambuf_iterator<char>());
    ASSERT_EQ(key.size(), 32u);
    tokens[Caller::owner] = owner.token;
    tokens[Caller::member] = member.token;
    tokens[Caller::stranger] = stranger.token;
    tokens[Caller::expired] = hmac_token(key, owner.uuid + "|1700000000|" + random_token_id());
    // The owner's payload with the member's uuid in it, under the owner's signature.
    std::string payload = payload_of(owner.token);
    payload.replace(0, owner.uuid.size(), member.uuid);
    tokens[Caller::forged_payload] = "v2." + base64url::encode(payload) + owner.token.substr(owner.token.rfind('.'));
    std::string other_key(32, '\0');
    randombytes_buf(other_key.data(), other_key.size());
    tokens[Caller::forged_key] = hmac_token(other_key, payload_of(owner.token));
    tokens[Caller::revoked] = sign_in(owner.handle);
    ASSERT_EQ(client.post("/api/auth/signout", "", bearer(tokens[Caller::revoked])).status, 204);
  }

  std::string sign_in(const std::string& login) {
    Reply reply = client.post_json("/api/auth/signin", {{"login", login}, {"password", "correct horse battery"}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return std::string(reply.json().at("access_token").as_string());
  }

  static HttpClient::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  HttpClient::Headers headers_of(Caller caller) {
    if (caller == Caller::anonymous) return {};
    return bearer(tokens.at(caller));
  }

  // The messages of the conversation as the owner sees them.
  std::vector<std::string> texts() {
    Reply reply = client.get("/api/messages/" + group, owner.auth());
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<std::string> out;
    auto json = reply.json();  // named: a range-for over a temporary's member would dangle
    for (const auto& m : json.as_array()) out.emplace_back(m.at("message").as_string());
    return out;
  }

  static bool signed_in(Caller c) { return c == Caller::owner || c == Caller::member || c == Caller::stranger; }
  static bool is_member(Caller c) { return c == Caller::owner || c == Caller::member; }

  TestServer server;
  HttpClient client{server.port()};
  Person owner, member, stranger;
  std::string group, first_message;
  std::map<Caller, std::string> tokens;
};

struct Row {
  std::string method, target;
  std::function<std::string(Caller)> body;  // "" for none
  std::function<int(Caller)> expected;
};

TEST_F(AuthorizationMatrix, EveryRouteAnswersEveryCallerAsDocumented) {
  auto anyone = [](int status) { return [status](Caller) { return status; }; };
  auto signed_in_only = [](int status) { return [status](Caller c) { return signed_in(c) ? status : 401; }; };
  auto members_only = [](int status) {
    return [status](Caller c) { return is_member(c) ? status : signed_in(c) ? 404 : 401; };
  };
  auto none = [](Caller) { return std::string(); };
  int sends = 0;
  auto reply_body = [&](Caller c) {
    boost::json::object body{{"message_group_uuid", group},
                             {"message", "matrix: from " + kCallerNames.at(c)},
                             {"client_message_id", "mx-reply-" + std::to_string(++sends)}};
    return boost::json::serialize(body);
  };

  const std::vector<Row> rows = {
      {"GET", "/api/health", none, anyone(200)},
      {"GET", "/api/config", none, anyone(200)},
      {"GET", "/api/me", none, signed_in_only(200)},
      {"GET", "/api/users/@" + member.handle + "/short", none, signed_in_only(200)},
      {"GET", "/api/message_groups", none, signed_in_only(200)},
      {"GET", "/api/messages/counter", none, signed_in_only(200)},
      {"GET", "/api/me/export", none, signed_in_only(200)},
      {"POST", "/api/stream/ticket", none, signed_in_only(200)},
      {"GET", "/api/messages/" + group, none, members_only(200)},
      {"POST", "/api/messages", reply_body, members_only(200)},
      {"POST", "/api/message_groups/" + group + "/read", none, members_only(200)},
      // A route's HEAD answers as its GET does (without a body).
      {"HEAD", "/api/me", none, signed_in_only(200)},
      {"HEAD", "/api/messages/" + group, none, members_only(200)},
  };
  for (const Row& row : rows) {
    for (Caller caller : kAllCallers) {
      std::string body = row.body(caller);
      auto headers = headers_of(caller);
      Reply reply = row.method == "GET"    ? client.get(row.target, headers)
                    : row.method == "HEAD" ? client.request("HEAD", row.target, "", headers)
                                           : client.post(row.target, body, headers);
      int expected = row.expected(caller);
      EXPECT_EQ(reply.status, expected) << row.method << " " << row.target << " as " << kCallerNames.at(caller)
                                        << ": " << reply.body;
      if (row.method == "HEAD") {
        EXPECT_EQ(reply.body, "") << row.target;
      } else if (expected == 401) {
        EXPECT_THAT(error_codes(reply), Contains("unauthorized")) << row.target;
      } else if (expected == 404) {
        EXPECT_THAT(error_codes(reply), Contains("message_group_not_found")) << row.target;
      }
    }
  }

  // What the refusals left behind: only the two members' replies were stored.
  auto stored = texts();
  EXPECT_THAT(stored, Contains("matrix: from owner"));
  EXPECT_THAT(stored, Contains("matrix: from other member"));
  for (Caller c : kAllCallers)
    if (!is_member(c)) {
      EXPECT_THAT(stored, Not(Contains("matrix: from " + kCallerNames.at(c))));
    }
  EXPECT_EQ(stored.size(), 3u);
  // The stranger's list does not show the conversation; the members' lists do.
  auto groups_of = [&](const Person& p) {
    std::vector<std::string> uuids;
    auto json = client.get("/api/message_groups", p.auth()).json();
    for (const auto& g : json.as_array()) uuids.emplace_back(g.at("uuid").as_string());
    return uuids;
  };
  EXPECT_THAT(groups_of(owner), Contains(group));
  EXPECT_THAT(groups_of(member), Contains(group));
  EXPECT_THAT(groups_of(stranger), Not(Contains(group)));
}

TEST_F(AuthorizationMatrix, SigningOutNeedsAValidTokenAndRevokesOnlyThatOne) {
  for (Caller caller : {Caller::anonymous, Caller::expired, Caller::forged_payload, Caller::forged_key}) {
    Reply reply = client.post("/api/auth/signout", "", headers_of(caller));
    EXPECT_EQ(reply.status, 401) << kCallerNames.at(caller);
  }
  // Signing out twice is harmless; the owner's other token still works.
  EXPECT_EQ(client.post("/api/auth/signout", "", headers_of(Caller::revoked)).status, 204);
  EXPECT_EQ(client.get("/api/me", owner.auth()).status, 200);
  std::string second = sign_in(owner.handle);
  EXPECT_EQ(client.post("/api/auth/signout", "", bearer(second)).status, 204);
  EXPECT_EQ(client.get("/api/me", bearer(second)).status, 401);
  EXPECT_EQ(client.get("/api/me", owner.auth()).status, 200);
}

TEST_F(AuthorizationMatrix, SignUpAndSignInAreOpenAndIgnoreAnyToken) {
  for (Caller caller : kAllCallers) {
    Reply in = client.post_json("/api/auth/signin", {{"login", member.handle}, {"password", "correct horse battery"}},
                                headers_of(caller));
    EXPECT_EQ(in.status, 200) << kCallerNames.at(caller);
    // Whoever called, the token is the member's.
    std::string token(in.json().at("access_token").as_string());
    EXPECT_EQ(client.get("/api/me", bearer(token)).json().at("uuid").as_string(), member.uuid);
  }
  std::string handle = unique_handle("mx_new");
  Reply up = client.post_json("/api/auth/signup",
                              {{"display_name", "New"}, {"handle", handle}, {"email", handle + "@example.com"},
                               {"password", "correct horse battery"}},
                              headers_of(Caller::forged_key));
  EXPECT_EQ(up.status, 201) << up.body;
}

TEST_F(AuthorizationMatrix, TheStreamOpensOnlyWithAValidTicket) {
  // Without a ticket, or with a token where a ticket belongs, the upgrade is refused before it happens.
  std::string upgrade =
      "GET /api/stream?ticket={T} HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server.port()) +
      "\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\nSec-WebSocket-Version: 13\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
  for (const std::string& ticket : {std::string(), owner.token, tokens.at(Caller::expired)}) {
    std::string request = upgrade;
    request.replace(request.find("{T}"), 3, ticket);
    std::string answer = client.raw(request);
    EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer.substr(0, 200);
  }
}

}  // namespace
}  // namespace cruddur::testing
