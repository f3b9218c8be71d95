#include "auth/cognito/user_pool_client.hpp"

#include <set>
#include <stdexcept>

namespace cruddur::auth::cognito {

namespace json = boost::json;

namespace {

std::optional<std::string> string_member(const json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  if (!value || !value->is_string()) return std::nullopt;
  return std::string(value->as_string());
}

// A user from ListUsers ("Attributes") or GetUser ("UserAttributes").
PoolUser read_user(const json::object& user, std::string_view attributes_key) {
  PoolUser result;
  result.username = string_member(user, "Username").value_or("");
  const auto* attributes = user.if_contains(attributes_key);
  if (!attributes || !attributes->is_array()) return result;
  for (const auto& attribute : attributes->as_array()) {
    if (!attribute.is_object()) continue;
    auto name = string_member(attribute.as_object(), "Name");
    auto value = string_member(attribute.as_object(), "Value");
    if (!name || !value) continue;
    if (*name == "sub") result.sub = *value;
    else if (*name == "preferred_username") result.preferred_username = *value;
    else if (*name == "email") result.email = *value;
    else if (*name == "name") result.name = *value;
  }
  return result;
}

}  // namespace

UserPoolClient::UserPoolClient(CognitoIdpClient& api, std::string user_pool_id, int page_size)
    : api_(api), user_pool_id_(std::move(user_pool_id)), page_size_(page_size) {
  if (page_size_ < 1 || page_size_ > kMaxPageSize)
    throw std::invalid_argument("ListUsers page size must be 1.." + std::to_string(kMaxPageSize));
}

boost::asio::awaitable<ListUsersPage> UserPoolClient::list_users_page(std::optional<std::string> pagination_token) {
  json::object request;
  request["UserPoolId"] = user_pool_id_;
  request["Limit"] = page_size_;
  if (pagination_token) request["PaginationToken"] = *pagination_token;
  auto answer = co_await api_.call("ListUsers", std::move(request));

  ListUsersPage page;
  if (const auto* users = answer.if_contains("Users"); users && users->is_array()) {
    for (const auto& user : users->as_array()) {
      if (user.is_object()) page.users.push_back(read_user(user.as_object(), "Attributes"));
    }
  }
  if (auto token = string_member(answer, "PaginationToken"); token && !token->empty())
    page.pagination_token = std::move(token);
  co_return page;
}

boost::asio::awaitable<std::vector<PoolUser>> UserPoolClient::list_all_users() {
  std::vector<PoolUser> users;
  std::optional<std::string> token;
  std::set<std::string> seen_tokens;
  do {
    auto page = co_await list_users_page(token);
    for (auto& user : page.users) users.push_back(std::move(user));
    token = std::move(page.pagination_token);
    if (token && !seen_tokens.insert(*token).second)
      throw std::runtime_error("ListUsers returned the same PaginationToken twice");
  } while (token);
  co_return users;
}

boost::asio::awaitable<PoolUser> get_user(CognitoIdpClient& api, std::string access_token) {
  json::object request;
  request["AccessToken"] = std::move(access_token);
  auto answer = co_await api.call("GetUser", std::move(request));
  co_return read_user(answer, "UserAttributes");
}

}  // namespace cruddur::auth::cognito
