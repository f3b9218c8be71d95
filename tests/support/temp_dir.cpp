#include "support/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>

namespace cruddur::testing {

namespace {
std::filesystem::path default_base() {
  const char* base = std::getenv("TMPDIR");
  return base && *base ? base : "/tmp";
}
}  // namespace

TempDir::TempDir() : TempDir(default_base()) {}

TempDir::TempDir(const std::filesystem::path& base) {
  std::string pattern = (base / "cruddur-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed in " + base.string());
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace cruddur::testing
