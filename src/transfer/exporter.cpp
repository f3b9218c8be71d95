#include "transfer/exporter.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "transfer/gzip_lines.hpp"
#include "transfer/sha256.hpp"

namespace cruddur::transfer {

namespace fs = std::filesystem;

namespace {

constexpr int kScanPage = 500;
constexpr int kAccountPage = 500;

// Lines going into one data file: written, counted and digested together.
class DataFile {
 public:
  DataFile(const std::string& directory, const char* name, const char* content)
      : directory_(directory), file_{name, content}, partial_(directory + "/" + name + ".partial"), writer_(partial_) {}

  void add(const std::string& line) {
    writer_.write_line(line);
    digest_.add(line);
  }
  std::uint64_t lines() const { return digest_.count(); }

  ExportFile finish() {
    writer_.close();
    const std::string path = directory_ + "/" + file_.name;
    fs::rename(partial_, path);
    file_.lines = digest_.count();
    file_.lines_sha256 = digest_.hex();
    file_.sha256 = file_sha256_hex(path);
    return file_;
  }

 private:
  std::string directory_;
  ExportFile file_;
  std::string partial_;
  GzipLineWriter writer_;
  LineSetDigest digest_;
};

void prepare_directory(const std::string& directory) {
  if (fs::exists(directory)) {
    if (!fs::is_directory(directory)) throw std::runtime_error(directory + " is not a directory");
    if (!fs::is_empty(directory)) throw std::runtime_error(directory + " is not empty (export into a new directory)");
  }
  fs::create_directories(directory);
}

}  // namespace

boost::asio::awaitable<Manifest> export_to(store::Table& table, std::string table_name, users::Directory& users,
                                           std::string directory, std::string exported_at, Progress progress) {
  prepare_directory(directory);
  Manifest manifest{std::move(exported_at), table_name, {}};

  DataFile items(directory, kItemsFile, kItemsContent);
  store::ScanRequest scan{table_name, kScanPage, std::nullopt};
  for (;;) {
    auto page = co_await table.scan(scan);
    for (const auto& item : page.items) items.add(item_line(item));
    progress(kItemsContent, items.lines(), 0, false);
    if (!page.last_evaluated_key) break;
    scan.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  manifest.files.push_back(items.finish());
  progress(kItemsContent, items.lines(), items.lines(), true);

  DataFile accounts(directory, kUsersFile, kUsersContent);
  std::string after;
  for (;;) {
    auto page = co_await users.list_accounts(after, kAccountPage);
    for (const auto& account : page) accounts.add(item_line(account_item(account)));
    progress(kUsersContent, accounts.lines(), 0, false);
    if (page.size() < static_cast<std::size_t>(kAccountPage)) break;
    after = page.back().user.handle;
  }
  manifest.files.push_back(accounts.finish());
  progress(kUsersContent, accounts.lines(), accounts.lines(), true);

  const std::string partial = directory + "/" + kManifestName + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << manifest_json(manifest);
    out.close();
    if (!out) throw std::runtime_error("cannot write " + partial);
  }
  fs::rename(partial, directory + "/" + kManifestName);
  co_return manifest;
}

}  // namespace cruddur::transfer
