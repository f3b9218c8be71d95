// `cruddur backup | restore`: a point-in-time copy of the embedded engines' files, taken while the server
// runs (doc/export.md "Backup and restore").
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "app/commands.hpp"
#include "auth/token_key.hpp"
#include "core/clock.hpp"
#include "transfer/sha256.hpp"
#include "transfer/sqlite_backup.hpp"

namespace cruddur::app {

namespace fs = std::filesystem;

namespace {

// The embedded engines' database files (engines.cpp), in the order they are copied.
constexpr const char* kDatabases[] = {"messages.sqlite3", "users.sqlite3"};
constexpr const char* kBackupManifest = "backup.json";

void require_new_directory(const std::string& directory, const char* what) {
  if (fs::exists(directory) && (!fs::is_directory(directory) || !fs::is_empty(directory)))
    throw std::runtime_error(directory + " is not empty (" + what + " into a new directory)");
  fs::create_directories(directory);
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int backup(const Config& config, const std::string& to) {
  if (config.use_dynamodb() || !config.connection_url.empty())
    throw std::runtime_error("backup copies the embedded SQLite files only; use `cruddur export` for DynamoDB "
                             "or PostgreSQL");
  const fs::path data(config.data_dir);
  for (const char* name : kDatabases) {
    if (!fs::exists(data / name)) throw std::runtime_error((data / name).string() + ": no such database");
  }
  require_new_directory(to, "back up");
  const std::string started_at = format_timestamp(SystemClock{}.now());
  boost::json::array files;
  for (const char* name : kDatabases) {
    const fs::path partial = fs::path(to) / (std::string(name) + ".partial");
    auto stats = transfer::copy_live_database((data / name).string(), partial.string());
    fs::rename(partial, fs::path(to) / name);
    std::fprintf(stderr, "backup: %s %d pages in %d steps\n", name, stats.pages, stats.steps);
    files.push_back({{"name", name}, {"sha256", transfer::file_sha256_hex((fs::path(to) / name).string())}});
  }
  // The token key, when it is a file, so that access tokens stay valid on the restored data.
  if (fs::exists(data / auth::kTokenKeyFileName)) {
    fs::copy_file(data / auth::kTokenKeyFileName, fs::path(to) / auth::kTokenKeyFileName);
    fs::permissions(fs::path(to) / auth::kTokenKeyFileName, fs::perms::owner_read | fs::perms::owner_write);
    files.push_back({{"name", auth::kTokenKeyFileName},
                     {"sha256", transfer::file_sha256_hex((fs::path(to) / auth::kTokenKeyFileName).string())}});
  }
  write_file(fs::path(to) / kBackupManifest,
             boost::json::serialize(boost::json::object{{"format", "cruddur-backup"}, {"version", 1},
                                                        {"started_at", started_at}, {"files", std::move(files)}}) +
                 "\n");
  std::printf("backed up %s to %s as of %s\n", config.data_dir.c_str(), to.c_str(), started_at.c_str());
  return 0;
}

int restore(const Config& config, const std::string& from) {
  std::ifstream in(fs::path(from) / kBackupManifest, std::ios::binary);
  if (!in) throw std::runtime_error("no " + std::string(kBackupManifest) + " in " + from);
  std::stringstream text;
  text << in.rdbuf();
  boost::json::array files;
  try {
    files = boost::json::parse(text.str()).at("files").as_array();
  } catch (const std::exception&) {
    throw std::runtime_error((fs::path(from) / kBackupManifest).string() + ": malformed");
  }
  // Everything is checked before the data directory is created.
  for (const auto& file : files) {
    const std::string name(file.at("name").as_string());
    if (name.empty() || name.find('/') != std::string::npos || name.front() == '.')
      throw std::runtime_error(std::string(kBackupManifest) + ": bad file name \"" + name + "\"");
    const std::string path = (fs::path(from) / name).string();
    if (transfer::file_sha256_hex(path) != file.at("sha256").as_string())
      throw std::runtime_error(path + ": SHA-256 does not match " + kBackupManifest);
    if (name.ends_with(".sqlite3")) {
      auto verdict = transfer::integrity_check(path);
      if (verdict != "ok") throw std::runtime_error(path + ": integrity check failed: " + verdict);
    }
  }
  require_new_directory(config.data_dir, "restore");
  for (const auto& file : files) {
    const std::string name(file.at("name").as_string());
    const fs::path partial = fs::path(config.data_dir) / (name + ".partial");
    fs::copy_file(fs::path(from) / name, partial);
    fs::rename(partial, fs::path(config.data_dir) / name);
  }
  std::printf("restored %s into %s (integrity ok)\n", from.c_str(), config.data_dir.c_str());
  return 0;
}

}  // namespace cruddur::app
