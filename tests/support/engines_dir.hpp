#pragma once
// tests/engines (the scripts that start and stop dynalite, DynamoDB Local, PostgreSQL, cognito-local, Redis),
// found from this header's own path so a test finds it wherever its source file sits under tests/.

#include <filesystem>
#include <string>

namespace cruddur::testing {

inline std::string engines_dir() {
  return (std::filesystem::path(__FILE__).parent_path() / ".." / "engines").lexically_normal().string();
}

}  // namespace cruddur::testing
