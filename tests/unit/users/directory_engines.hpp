#pragma once
// The user-directory engines the contract suite runs against. Each engine object gives one test a fresh,
// empty directory (schema loaded) and can open further Directory objects on the same data, as another
// process would.

#include <memory>
#include <string>

#include "postgres_server.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/directory.hpp"
#include "users/postgres/postgres_directory.hpp"

#if __has_include("users/sqlite/sqlite_directory.hpp")
#include "users/sqlite/sqlite_directory.hpp"
#define CRUDDUR_HAVE_SQLITE_DIRECTORY 1
#endif

namespace cruddur::testing {

struct PostgresEngine {
  static constexpr const char* name = "Postgres";
  std::string url = shared_postgres().create_database();
  std::unique_ptr<users::Directory> open() { return users::postgres::make_postgres_directory(url, 4); }
};

#ifdef CRUDDUR_HAVE_SQLITE_DIRECTORY
struct SqliteEngine {
  static constexpr const char* name = "Sqlite";
  TempDir dir;
  std::unique_ptr<users::Directory> open() {
    return std::make_unique<users::sqlite::SqliteDirectory>(dir.str() + "/users.sqlite3");
  }
};
#endif

}  // namespace cruddur::testing
