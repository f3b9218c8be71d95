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

awaitable<Response> signup(ApiContext& context, Request request) {
  auto body = parse_object(request.body);
  auth::SignupRequest signup{string_or_blank(body, "display_name"), string_or_blank(body, "handle"),
                             string_or_blank(body, "email"), string_or_blank(body, "password")};
  auto result = co_await context.accounts->signup(std::move(signup));
  co_return json_reply(result, render_auth, 201);
}

awaitable<Response> signin(ApiContext& context, Request request) {
  auto body = parse_object(request.body);
  auth::SigninRequest signin{string_or_blank(body, "login"), string_or_blank(body, "password")};
  auto result = co_await context.accounts->signin(std::move(signin));
  co_return json_reply(result, render_auth);
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
  }
  routes.push_back({"GET", "/api/me", bind(context, me)});
  routes.push_back({"GET", "/api/users/@{handle}/short", bind(context, user_short)});
}

}  // namespace cruddur::api
