#pragma once
// A test SQLite VFS that simulates power loss, in the manner of SQLite's own crash tests (src/test6.c): a
// shim over the default VFS that keeps every write not yet synced in memory, and at a "cut" writes a random
// choice of them to the real files and stops every further file operation.
//
// Model (what a disk with a volatile write cache may do when the power goes):
// - A write is visible to every connection of this process at once (reads see it), but reaches the real
//   file only when the file is synced (xSync), or at the cut if the dice say so.
// - Truncations are treated like writes. Deletions and file creation are immediate (SQLite syncs what
//   matters before it deletes a journal).
// - Only the main database, its rollback journal and its WAL are shimmed; temp files go straight through.
//   The shared-memory WAL index is the default VFS's (it is rebuilt from the WAL after a cut, as SQLite does
//   after a real one). Memory-mapped I/O is disabled for shimmed files (the shim is an iVersion 2 VFS).
// - Real fsyncs are skipped: the real machine does not lose power, so the test stays fast.
//
// Use: install() once in a process that will be cut (e.g. a forked child) before it opens databases; then,
// from any thread, cut() and _exit() at once. Every VFS call takes one process-wide mutex; the cut takes it
// and never gives it back, so nothing reaches the files after the cut.

#include <cstddef>
#include <random>

namespace cruddur::testing::power_cut {

// Registers the shim as the default VFS of this process. Idempotent.
void install();

enum class CutMode {
  drop_all,       // every unsynced write is lost
  keep_random,    // each unsynced write independently kept or lost (a disk that reorders)
  keep_prefix,    // the oldest unsynced writes kept up to a random point (a disk that writes in order)
};

struct CutReport {
  std::size_t pending = 0;  // unsynced writes at the cut
  std::size_t kept = 0;     // of them, written to the real files
};

// The power cut: see the top. Never returns the mutex; call _exit() right after.
CutReport cut(std::mt19937_64& rng, CutMode mode);

}  // namespace cruddur::testing::power_cut
