#pragma once
// The versioned schema of the SQLite user directory (applied by sqlite::apply_migrations, which states the
// rules: versions 1, 2, 3, ..., each once, in order, in its own transaction). Internal to users/sqlite.

#include <vector>

#include "sqlite/migrations.hpp"

namespace cruddur::users::sqlite {

// The migrations of the users database, oldest first.
const std::vector<::cruddur::sqlite::Migration>& user_migrations();

}  // namespace cruddur::users::sqlite
