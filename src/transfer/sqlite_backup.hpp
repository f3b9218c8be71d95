#pragma once
// Online copies of SQLite files (`cruddur backup` / `cruddur restore`, doc/export.md "Backup and restore").
//
// copy_live_database copies a database file that another process may be writing (the running server) with
// SQLite's online backup API, a few pages per sqlite3_backup_step, from one read transaction held on the
// source for the whole copy. In WAL mode that transaction blocks no writer (sends go on while it runs); it
// pins one snapshot, so the copy is exactly the database as of the moment the copy began (every write
// committed before then is in it, none after), and the copy never restarts however busy the writers are.
// The destination must not exist; it is written in rollback-journal mode (DELETE), one self-contained file.
//
// integrity_check runs PRAGMA integrity_check on a file: "ok", or SQLite's first complaint.
// Both are blocking calls for a CLI thread. Errors throw std::runtime_error naming the file.

#include <string>

namespace cruddur::transfer {

struct CopyStats {
  int steps = 0;       // sqlite3_backup_step calls
  int pages = 0;       // pages copied
};

CopyStats copy_live_database(const std::string& source, const std::string& destination, int pages_per_step = 64);

std::string integrity_check(const std::string& path);

}  // namespace cruddur::transfer
