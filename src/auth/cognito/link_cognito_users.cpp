#include "auth/cognito/link_cognito_users.hpp"

#include "core/error.hpp"

namespace cruddur::auth::cognito {

namespace {
std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}
}  // namespace

boost::asio::awaitable<LinkReport> update_cognito_user_ids(UserPoolClient& pool, users::Directory& directory) {
  LinkReport report;
  auto pool_users = co_await pool.list_all_users();
  for (auto& user : pool_users) {
    if (user.sub.empty()) {
      report.unmatched.push_back({std::move(user), "no sub"});
      continue;
    }
    if (!user.preferred_username || user.preferred_username->empty()) {
      report.unmatched.push_back({std::move(user), "no preferred_username"});
      continue;
    }
    const std::string handle = ascii_lower(*user.preferred_username);
    std::string reason;
    switch (co_await directory.set_cognito_user_id(handle, user.sub)) {
      case users::LinkStatus::linked:
        report.linked.push_back({handle, user.sub});
        continue;
      case users::LinkStatus::no_such_user:
        reason = "no user with handle '" + handle + "'";
        break;
      case users::LinkStatus::cognito_user_id_taken:
        reason = "sub already linked to another user";
        break;
    }
    report.unmatched.push_back({std::move(user), std::move(reason)});
  }
  co_return report;
}

}  // namespace cruddur::auth::cognito
