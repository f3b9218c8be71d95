#pragma once
// `cruddur verify`: does the target hold exactly what an export holds? Counts and digests the target's items
// (a Scan) and accounts (by handle) as canonical lines, and compares each with the manifest's `lines` and
// `lines_sha256` (doc/export.md "Checksums"): engine-independent, whatever order the engine scans in.
// The data files themselves are not read.

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

#include "store/table.hpp"
#include "transfer/export_format.hpp"
#include "transfer/progress.hpp"
#include "users/directory.hpp"

namespace cruddur::transfer {

// One sentence per difference ("items: 12 in the target, 13 in the export"); empty when they agree.
boost::asio::awaitable<std::vector<std::string>> verify_against(store::Table& table, std::string table_name,
                                                                users::Directory& users, Manifest manifest,
                                                                Progress progress);

}  // namespace cruddur::transfer
