#pragma once
// `cruddur import`: loads an export directory (doc/export.md) into the configured engines.
//
// - A directory whose manifest is missing or malformed or whose data files' SHA-256 do not match it is refused
//   by check_export (std::runtime_error naming the file), before anything is written.
// - Idempotent: accounts are created only when absent (an account already there with the same uuid is left
//   as it is); items are put as they are (BatchWrite: unconditional puts of identical items). Running it
//   twice changes nothing.
// - Resumable by running it again: there is no checkpoint; a run killed at any point (SIGKILL included) is
//   finished by importing the same directory again from the start, which rewrites what was already there
//   with the same values.
// - An account whose handle or email belongs to another uuid in the target is an error (nothing later is
//   imported): the export and the target disagree about who somebody is.
// The messages table must exist (the command runs schema-load first).

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>

#include "store/table.hpp"
#include "transfer/export_format.hpp"
#include "transfer/progress.hpp"
#include "users/directory.hpp"

namespace cruddur::transfer {

struct ImportReport {
  std::uint64_t items = 0;          // items put
  std::uint64_t users_created = 0;  // accounts that were absent
  std::uint64_t users_present = 0;  // accounts already there
};

// Reads the manifest and checks every data file's SHA-256 against it; returns the manifest or throws. Call it
// before opening the target's engines, so that a damaged export touches nothing.
Manifest check_export(const std::string& directory);

// Loads `directory`, whose `manifest` check_export returned.
boost::asio::awaitable<ImportReport> import_from(store::Table& table, std::string table_name,
                                                 users::Directory& users, std::string directory, Manifest manifest,
                                                 Progress progress);

}  // namespace cruddur::transfer
