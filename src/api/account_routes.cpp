// Sign-up, sign-in, the caller, and other people's short profiles.
#include "api/api_context.hpp"
#include "api/json_body.hpp"
#include "api/render.hpp"
#include "auth/account_service.hpp"
#include "core/error.hpp"

namespace cruddur::api {

namespace {

using boost::asio::awaitable;

void render_auth(JsonWriter& out, const auth::AuthResult& result) {
  out.begin_object();
  out.member("access_token", result.access_token);
  out.member("token_type", result.token_type);
  out.key("expires_in");
  out.number(result.expires_in);
  out.key("user");
  render_user(out, result.user);
  out.end_object();
}

// Sign-up and sign-in pass the throttle (auth_throttle.hpp) before any password is hashed; what they
// conclude about a login is reported back to it.
awaitable<Response> signup(ApiContext& context, Request request) {
  auto body = parse_object(request.body);
  auth::SignupRequest signup{string_or_blank(body, "display_name"), string_or_blank(body, "handle"),
                             string_or_blank(body, "email"), string_or_blank(body, "password"),
                             address_key(request.remote_address)};
  const std::string handle = signup.handle, email = signup.email;
  context.auth_throttle.admit(request.remote_address, {handle, email});
  try {
    auto result = co_await context.accounts->signup(std::move(signup));
    co_return json_reply(result, render_auth, 201);
  } catch (const Error& error) {
    // A taken handle or email tells whether an account exists: asking about one login is limited like
    // guessing its password.
    if (error.status() == 409) context.auth_throttle.failed(error.codes().front() == "email_taken" ? email : handle);
    throw;
  }
}

awaitable<Response> signin(ApiContext& context, Request request) {
  auto body = parse_object(request.body);
  auth::SigninRequest signin{string_or_blank(body, "login"), string_or_blank(body, "password"),
                             address_key(request.remote_address)};
  const std::string login = signin.login;
  context.auth_throttle.admit(request.remote_address, {login});
  try {
    auto result = co_await context.accounts->signin(std::move(signin));
    context.auth_throttle.succeeded(login);
    co_return json_reply(result, render_auth);
  } catch (const Error& error) {
    if (error.status() == 401) context.auth_throttle.failed(login);
    throw;
  }
}

// 204 whether or not the token was already revoked; 401 for a token that would not authenticate for
// another reason (missing, malformed, forged, expired).
awaitable<Response> signout(ApiContext& context, Request request) {
  std::string token(bearer_token(request.authorization));
  if (token.empty()) throw Error::unauthorized();
  co_await context.accounts->signout(std::move(token));
  Response response;
  response.status = 204;
  co_return response;
}

awaitable<Response> me(ApiContext& context, Request request) {
  users::User user = co_await caller(context, request);
  co_return json_reply(user, render_user);
}

Error user_not_found() { return Error::not_found("user_not_found"); }

awaitable<Response> user_short(ApiContext& context, Request request) {
  co_await caller(context, request);
  auto user = co_await context.users.find_by_handle(request.params["handle"]);
  if (!user) throw user_not_found();
  co_return json_reply(*user, render_user);
}

}  // namespace

void add_account_routes(ApiContext& context, std::vector<Route>& routes) {
  if (context.accounts) {  // off when sign-in is Cognito's
    routes.push_back({"POST", "/api/auth/signup", bind(context, signup)});
    routes.push_back({"POST", "/api/auth/signin", bind(context, signin)});
    routes.push_back({"POST", "/api/auth/signout", bind(context, signout)});
  }
  routes.push_back({"GET", "/api/me", bind(context, me)});
  routes.push_back({"GET", "/api/users/@{handle}/short", bind(context, user_short)});
}

}  // namespace cruddur::api
