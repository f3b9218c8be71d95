// `cruddur db ...`: the user directory on the configured engine.
#include <cstdio>

#include "app/commands.hpp"
#include "app/demo_seed.hpp"
#include "app/engines.hpp"
#include "core/run_sync.hpp"
#include "core/clock.hpp"

namespace cruddur::app {

int db_schema_load(const Config& config) {
  auto users = open_user_directory(config);
  run_sync(users->schema_load());
  std::printf("user schema ready\n");
  return 0;
}

int db_seed(const Config& config) {
  auto users = open_user_directory(config);
  run_sync(users->schema_load());
  int created = run_sync(seed_demo_users(*users, SystemClock().now()));
  std::printf("seeded: %d demo users created\n", created);
  return 0;
}

}  // namespace cruddur::app
