#include "transfer/verifier.hpp"

#include "transfer/sha256.hpp"

namespace cruddur::transfer {

namespace {

void compare(std::vector<std::string>& differences, const ExportFile& expected, const LineSetDigest& target) {
  if (target.count() != expected.lines) {
    differences.push_back(expected.content + ": " + std::to_string(target.count()) + " in the target, " +
                          std::to_string(expected.lines) + " in the export");
  } else if (target.hex() != expected.lines_sha256) {
    differences.push_back(expected.content + ": same count (" + std::to_string(expected.lines) +
                          ") but different content (digest " + target.hex() + ", export " + expected.lines_sha256 +
                          ")");
  }
}

}  // namespace

boost::asio::awaitable<std::vector<std::string>> verify_against(store::Table& table, std::string table_name,
                                                                users::Directory& users, Manifest manifest,
                                                                Progress progress) {
  std::vector<std::string> differences;

  LineSetDigest items;
  const auto& items_file = manifest.file(kItemsContent);
  store::ScanRequest scan{table_name, 500, std::nullopt};
  for (;;) {
    auto page = co_await table.scan(scan);
    for (const auto& item : page.items) items.add(item_line(item));
    progress(kItemsContent, items.count(), items_file.lines, false);
    if (!page.last_evaluated_key) break;
    scan.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  progress(kItemsContent, items.count(), items_file.lines, true);
  compare(differences, items_file, items);

  LineSetDigest accounts;
  const auto& users_file = manifest.file(kUsersContent);
  std::string after;
  for (;;) {
    auto page = co_await users.list_accounts(after, 500);
    for (const auto& account : page) accounts.add(item_line(account_item(account)));
    if (page.size() < 500) break;
    after = page.back().user.handle;
  }
  progress(kUsersContent, accounts.count(), users_file.lines, true);
  compare(differences, users_file, accounts);
  co_return differences;
}

}  // namespace cruddur::transfer
