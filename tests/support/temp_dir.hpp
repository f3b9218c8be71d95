#pragma once
// A fresh directory under $TMPDIR (or /tmp), or under `base`, removed with everything in it when the object dies.

#include <filesystem>
#include <string>

namespace cruddur::testing {

class TempDir {
 public:
  TempDir();
  explicit TempDir(const std::filesystem::path& base);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace cruddur::testing
