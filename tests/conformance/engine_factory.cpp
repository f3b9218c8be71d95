#include "conformance/engine_factory.hpp"

#include <cstdlib>
#include <stdexcept>

#include "store/sqlite/sqlite_table.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::conformance {
namespace {

// Holds the directory as a base constructed before (and destroyed after) the SqliteTable using it.
struct TempDirHolder {
  testing::TempDir directory;
};

class SqliteInTempDir : private TempDirHolder, public store::SqliteTable {
 public:
  SqliteInTempDir() : TempDirHolder{}, store::SqliteTable(directory.str() + "/conformance.db") {}
};

}  // namespace

std::unique_ptr<store::Table> make_sqlite_engine() { return std::make_unique<SqliteInTempDir>(); }

const std::map<std::string, EngineFactory>& engine_factories() {
  static const std::map<std::string, EngineFactory> factories{
      {"sqlite", &make_sqlite_engine},
      {"dynamodb", &make_dynamodb_engine},
  };
  return factories;
}

std::string engine_under_test_name() {
  const char* name = std::getenv("CRUDDUR_TEST_ENGINE");
  return name && *name ? name : "sqlite";
}

std::unique_ptr<store::Table> make_engine_under_test() {
  std::string name = engine_under_test_name();
  auto it = engine_factories().find(name);
  if (it == engine_factories().end()) {
    std::string known;
    for (const auto& [key, factory] : engine_factories()) known += (known.empty() ? "" : ", ") + key;
    throw std::runtime_error("CRUDDUR_TEST_ENGINE=" + name + " is not a known engine (known: " + known + ")");
  }
  return it->second();
}

}  // namespace cruddur::conformance
