// `cruddur db update-cognito-user-ids`: stores each pool user's `sub` on the user whose handle is the
// Cognito preferred_username, following ListUsers pagination, and reports who could not be matched.
#include <cstdio>
#include <memory>

#include "app/commands.hpp"
#include "app/engines.hpp"
#include "auth/cognito/cognito_idp_client.hpp"
#include "auth/cognito/cognito_settings.hpp"
#include "auth/cognito/link_cognito_users.hpp"
#include "auth/cognito/user_pool_client.hpp"
#include "core/run_sync.hpp"
#include "net/http_client.hpp"

namespace cruddur::app {

int db_update_cognito_user_ids(const Config& config) {
  auto settings = cognito_settings(config);
  auto users = open_user_directory(config);
  run_sync(users->schema_load());

  // ListUsers is an admin operation: signed with the AWS credentials, except against a local emulator,
  // which checks none.
  auto credentials = auth::cognito::resolve_cognito_admin_credentials(settings);
  auto http = std::make_shared<net::HttpClient>();
  auth::cognito::CognitoIdpClient api(http, settings.api_endpoint(), settings.effective_region(), credentials);
  auth::cognito::UserPoolClient pool(api, settings.user_pool_id);
  auto report = run_sync(auth::cognito::update_cognito_user_ids(pool, *users));

  for (const auto& linked : report.linked) std::printf("linked @%s\n", linked.handle.c_str());
  for (const auto& unmatched : report.unmatched)
    std::printf("unmatched %s (%s)\n", unmatched.user.username.c_str(), unmatched.reason.c_str());
  std::printf("%zu linked, %zu unmatched\n", report.linked.size(), report.unmatched.size());
  return 0;
}

}  // namespace cruddur::app
