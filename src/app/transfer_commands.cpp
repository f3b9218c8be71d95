// `cruddur export | import | verify`: moving the data between engines through an export directory
// (doc/export.md). Progress on stderr; the result on stdout as one line.
#include <cstdio>

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
  transfer::check_export(from);  // a damaged export is refused before the target is touched at all
  Services services(config);
  run_sync(services.schema_load());
  auto report = run_sync(
      transfer::import_from(services.table(), config.table_name, services.users(), from, progress_display("import")));
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

}  // namespace cruddur::app
