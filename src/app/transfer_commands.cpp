// `cruddur export | import | verify`: moving the data between engines through an export directory
// (doc/export.md). Progress on stderr; the result on stdout as one line.
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "app/commands.hpp"
#include "app/progress_display.hpp"
#include "app/services.hpp"
#include "core/clock.hpp"
#include "core/run_sync.hpp"
#include "transfer/exporter.hpp"
#include "transfer/importer.hpp"
#include "transfer/verifier.hpp"

namespace cruddur::app {

int export_data(const Config& config, const std::string& to) {
  Services services(config);
  auto manifest = run_sync(transfer::export_to(services.table(), config.table_name, services.users(), to,
                                               format_timestamp(services.clock().now()), progress_display("export")));
  std::printf("exported %llu items and %llu users to %s\n",
              static_cast<unsigned long long>(manifest.file(transfer::kItemsContent).lines),
              static_cast<unsigned long long>(manifest.file(transfer::kUsersContent).lines), to.c_str());
  return 0;
}

int import_data(const Config& config, const std::string& from) {
  auto manifest = transfer::check_export(from);  // a damaged export is refused before the target is touched
  Services services(config);
  run_sync(services.schema_load());
  auto report = run_sync(transfer::import_from(services.table(), config.table_name, services.users(), from,
                                               std::move(manifest), progress_display("import")));
  std::printf("imported %llu items; users: %llu created, %llu already present\n",
              static_cast<unsigned long long>(report.items), static_cast<unsigned long long>(report.users_created),
              static_cast<unsigned long long>(report.users_present));
  return 0;
}

int verify_data(const Config& config, const std::string& from) {
  auto manifest = transfer::read_manifest(from);
  Services services(config);
  auto differences = run_sync(transfer::verify_against(services.table(), config.table_name, services.users(),
                                                       manifest, progress_display("verify")));
  if (differences.empty()) {
    std::printf("verified: the target holds exactly the export's %llu items and %llu users\n",
                static_cast<unsigned long long>(manifest.file(transfer::kItemsContent).lines),
                static_cast<unsigned long long>(manifest.file(transfer::kUsersContent).lines));
    return 0;
  }
  for (const auto& difference : differences) std::fprintf(stderr, "verify: %s\n", difference.c_str());
  return 1;
}

int migrate(const Config& source, const MigrateTarget& to) {
  if (to.dynamodb_table.empty() && to.postgres_url.empty())
    throw std::runtime_error("migrate needs --to-dynamodb TABLE and/or --to-postgres URL");
  Config target = source;
  if (!to.dynamodb_table.empty()) {
    target.store = "dynamodb";
    target.table_name = to.dynamodb_table;
  }
  if (!to.postgres_url.empty()) target.connection_url = to.postgres_url;
  if (target.use_dynamodb() == source.use_dynamodb() && target.table_name == source.table_name &&
      target.connection_url == source.connection_url)
    throw std::runtime_error("migrate: the target is the source");
  export_data(source, to.via);
  import_data(target, to.via);
  return verify_data(target, to.via);
}

}  // namespace cruddur::app
