#include "transfer/importer.hpp"

#include <stdexcept>

#include "transfer/gzip_lines.hpp"
#include "transfer/sha256.hpp"

namespace cruddur::transfer {

namespace {

constexpr std::size_t kBatch = 500;  // items per BatchWrite call (the engine splits further)

std::string path_of(const std::string& directory, const ExportFile& file) { return directory + "/" + file.name; }

// Same uuid under the clashing handle or email: the account is already there.
boost::asio::awaitable<void> expect_same_account(users::Directory& users, const users::Account& account,
                                                 users::CreateStatus status) {
  std::optional<std::string> uuid;
  if (status == users::CreateStatus::handle_taken) {
    if (auto existing = co_await users.find_by_handle(account.user.handle)) uuid = existing->uuid;
  } else if (auto existing = co_await users.find_account_by_login(account.email)) {
    uuid = existing->user.uuid;
  }
  if (uuid != account.user.uuid)
    throw std::runtime_error("user @" + account.user.handle + ": its " +
                             (status == users::CreateStatus::handle_taken ? "handle" : "email") +
                             " belongs to another user in the target");
}

}  // namespace

Manifest check_export(const std::string& directory) {
  Manifest manifest = read_manifest(directory);
  for (const auto& file : manifest.files) {
    const std::string path = path_of(directory, file);
    if (file_sha256_hex(path) != file.sha256)
      throw std::runtime_error(path + ": SHA-256 does not match the manifest (damaged or altered export)");
  }
  return manifest;
}

boost::asio::awaitable<ImportReport> import_from(store::Table& table, std::string table_name,
                                                 users::Directory& users, std::string directory, Manifest manifest,
                                                 Progress progress) {
  ImportReport report;

  // Accounts first, so that every conversation's members exist by the time its items do.
  const ExportFile& users_file = manifest.file(kUsersContent);
  GzipLineReader user_lines(path_of(directory, users_file));
  std::uint64_t done = 0;
  while (auto line = user_lines.next()) {
    users::Account account = item_account(parse_item_line(*line));
    // Looked up first: PostgreSQL's create answers `created` for a row identical to one already there (it
    // cannot tell it from its own insert retried after a lost connection), so "already present" is decided here.
    auto status = users::CreateStatus::handle_taken;
    if (!co_await users.find_by_handle(account.user.handle)) status = co_await users.create(account);
    if (status == users::CreateStatus::created) {
      ++report.users_created;
    } else {
      co_await expect_same_account(users, account, status);
      ++report.users_present;
    }
    if (++done % kBatch == 0) progress(kUsersContent, done, users_file.lines, false);
  }
  progress(kUsersContent, done, users_file.lines, true);

  const ExportFile& items_file = manifest.file(kItemsContent);
  GzipLineReader item_lines(path_of(directory, items_file));
  store::BatchWriteRequest batch{table_name, {}, {}};
  auto flush = [&]() -> boost::asio::awaitable<void> {
    if (batch.puts.empty()) co_return;
    report.items += batch.puts.size();
    store::BatchWriteRequest request{table_name, std::move(batch.puts), {}};
    batch.puts.clear();
    co_await table.batch_write(std::move(request));
    progress(kItemsContent, report.items, items_file.lines, false);
  };
  while (auto line = item_lines.next()) {
    batch.puts.push_back(parse_item_line(*line));
    if (batch.puts.size() == kBatch) co_await flush();
  }
  co_await flush();
  progress(kItemsContent, report.items, items_file.lines, true);
  co_return report;
}

}  // namespace cruddur::transfer
