#pragma once
// `cruddur export`: every item of the messages table (a paged Scan) and every account of the user directory
// (paged by handle), streamed into gzip'd JSON lines in an export directory, then its manifest.json
// (doc/export.md). Memory stays flat in the data's size: one page at a time.
//
// The directory must be missing or empty. Data files are written under a `.partial` name and renamed when
// complete; manifest.json is written last, so a directory without one is an unfinished export.
// Not a snapshot: items written while the scan runs may or may not be in it (take `cruddur backup` of a
// running SQLite server, or stop writers, for a point in time).

#include <boost/asio/awaitable.hpp>

#include <string>

#include "store/table.hpp"
#include "transfer/export_format.hpp"
#include "transfer/progress.hpp"
#include "users/directory.hpp"

namespace cruddur::transfer {

boost::asio::awaitable<Manifest> export_to(store::Table& table, std::string table_name, users::Directory& users,
                                           std::string directory, std::string exported_at, Progress progress);

}  // namespace cruddur::transfer
