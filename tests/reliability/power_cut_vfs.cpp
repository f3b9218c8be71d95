#include "reliability/power_cut_vfs.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cruddur::testing::power_cut {
namespace {

// What the application sees of one file (`image`) and the writes it made since the last sync (`pending`).
struct FileState {
  std::string path;
  bool loaded = false;  // image read from the real file (again after a delete)
  std::string image;
  struct Op {
    bool truncate = false;
    sqlite3_int64 offset = 0;  // truncate: the new size
    std::string data;
  };
  std::vector<Op> pending;
};

std::mutex g_mutex;  // every call below; the cut keeps it
std::map<std::string, std::unique_ptr<FileState>> g_files;
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_shim;

struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
  FileState* state;  // null: pass straight through
};

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }
FileState* state_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->state; }

// Writes `op` to the real file at `path` (POSIX, no fsync: see the header).
void write_through(const std::string& path, const FileState::Op& op) {
  int fd = ::open(path.c_str(), O_WRONLY);
  if (fd < 0) return;  // deleted since
  if (op.truncate) {
    (void)::ftruncate(fd, op.offset);
  } else {
    (void)::pwrite(fd, op.data.data(), op.data.size(), op.offset);
  }
  ::close(fd);
}

int x_close(sqlite3_file* f) {
  std::lock_guard lock(g_mutex);
  sqlite3_file* real = real_of(f);
  int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
  return rc;
}

int x_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  std::lock_guard lock(g_mutex);
  FileState* s = state_of(f);
  if (!s) return real_of(f)->pMethods->xRead(real_of(f), buffer, amount, offset);
  const auto size = static_cast<sqlite3_int64>(s->image.size());
  sqlite3_int64 available = offset >= size ? 0 : std::min<sqlite3_int64>(amount, size - offset);
  if (available > 0) std::memcpy(buffer, s->image.data() + offset, static_cast<std::size_t>(available));
  if (available < amount) {
    std::memset(static_cast<char*>(buffer) + available, 0, static_cast<std::size_t>(amount - available));
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int x_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  std::lock_guard lock(g_mutex);
  FileState* s = state_of(f);
  if (!s) return real_of(f)->pMethods->xWrite(real_of(f), buffer, amount, offset);
  const auto end = static_cast<std::size_t>(offset + amount);
  if (s->image.size() < end) s->image.resize(end, '\0');
  std::memcpy(s->image.data() + offset, buffer, static_cast<std::size_t>(amount));
  s->pending.push_back({false, offset, std::string(static_cast<const char*>(buffer), static_cast<std::size_t>(amount))});
  return SQLITE_OK;
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  std::lock_guard lock(g_mutex);
  FileState* s = state_of(f);
  if (!s) return real_of(f)->pMethods->xTruncate(real_of(f), size);
  if (static_cast<sqlite3_int64>(s->image.size()) > size) s->image.resize(static_cast<std::size_t>(size));
  s->pending.push_back({true, size, {}});
  return SQLITE_OK;
}

int x_sync(sqlite3_file* f, int flags) {
  std::lock_guard lock(g_mutex);
  FileState* s = state_of(f);
  if (!s) return real_of(f)->pMethods->xSync(real_of(f), flags);
  for (const auto& op : s->pending) write_through(s->path, op);
  s->pending.clear();
  return SQLITE_OK;
}

int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  std::lock_guard lock(g_mutex);
  FileState* s = state_of(f);
  if (!s) return real_of(f)->pMethods->xFileSize(real_of(f), size);
  *size = static_cast<sqlite3_int64>(s->image.size());
  return SQLITE_OK;
}

int x_lock(sqlite3_file* f, int level) {
  std::lock_guard lock(g_mutex);
  return real_of(f)->pMethods->xLock(real_of(f), level);
}
int x_unlock(sqlite3_file* f, int level) {
  std::lock_guard lock(g_mutex);
  return real_of(f)->pMethods->xUnlock(real_of(f), level);
}
int x_check_reserved(sqlite3_file* f, int* out) {
  std::lock_guard lock(g_mutex);
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  std::lock_guard lock(g_mutex);
  // Size hints would grow the real file behind the shim's back.
  if (state_of(f) && (op == SQLITE_FCNTL_SIZE_HINT || op == SQLITE_FCNTL_CHUNK_SIZE)) return SQLITE_OK;
  return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int x_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int x_device_characteristics(sqlite3_file* f) {
  return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  std::lock_guard lock(g_mutex);
  return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  std::lock_guard lock(g_mutex);
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int x_shm_unmap(sqlite3_file* f, int delete_flag) {
  std::lock_guard lock(g_mutex);
  return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag);
}

const sqlite3_io_methods g_methods = {
    2,  // no xFetch/xUnfetch: no memory-mapped I/O behind the shim's back
    x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock, x_unlock, x_check_reserved,
    x_file_control, x_sector_size, x_device_characteristics, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap,
    nullptr, nullptr};

// Reads the whole real file into the image.
void load(FileState& s, sqlite3_file* real) {
  sqlite3_int64 size = 0;
  s.image.clear();
  if (real->pMethods->xFileSize(real, &size) == SQLITE_OK && size > 0) {
    s.image.resize(static_cast<std::size_t>(size));
    if (real->pMethods->xRead(real, s.image.data(), static_cast<int>(size), 0) != SQLITE_OK) s.image.clear();
  }
  s.loaded = true;
}

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  std::lock_guard lock(g_mutex);
  auto* shim = reinterpret_cast<ShimFile*>(f);
  shim->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(ShimFile));
  shim->state = nullptr;
  shim->base.pMethods = nullptr;
  int rc = g_real->xOpen(g_real, name, shim->real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  const int shimmed = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL;
  if (name && (flags & shimmed)) {
    auto& state = g_files[name];
    if (!state) {
      state = std::make_unique<FileState>();
      state->path = name;
    }
    if (!state->loaded) load(*state, shim->real);
    shim->state = state.get();
  }
  shim->base.pMethods = &g_methods;
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  std::lock_guard lock(g_mutex);
  int rc = g_real->xDelete(g_real, name, sync_dir);
  auto it = g_files.find(name);
  if (it != g_files.end()) {
    it->second->loaded = false;
    it->second->image.clear();
    it->second->pending.clear();
  }
  return rc;
}

int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  std::lock_guard lock(g_mutex);
  return g_real->xAccess(g_real, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real->xFullPathname(g_real, name, n, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void x_dl_error(sqlite3_vfs*, int n, char* out) { g_real->xDlError(g_real, n, out); }
void (*x_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) { return g_real->xDlSym(g_real, handle, symbol); }
void x_dl_close(sqlite3_vfs*, void* handle) { g_real->xDlClose(g_real, handle); }
int x_randomness(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int x_sleep(sqlite3_vfs*, int micros) { return g_real->xSleep(g_real, micros); }
int x_current_time(sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); }
int x_get_last_error(sqlite3_vfs*, int n, char* out) { return g_real->xGetLastError(g_real, n, out); }
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) { return g_real->xCurrentTimeInt64(g_real, out); }

}  // namespace

void install() {
  std::lock_guard lock(g_mutex);
  if (g_real) return;
  g_real = sqlite3_vfs_find(nullptr);
  g_shim = {};
  g_shim.iVersion = 2;
  g_shim.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
  g_shim.mxPathname = g_real->mxPathname;
  g_shim.zName = "power-cut";
  g_shim.xOpen = x_open;
  g_shim.xDelete = x_delete;
  g_shim.xAccess = x_access;
  g_shim.xFullPathname = x_full_pathname;
  g_shim.xDlOpen = x_dl_open;
  g_shim.xDlError = x_dl_error;
  g_shim.xDlSym = x_dl_sym;
  g_shim.xDlClose = x_dl_close;
  g_shim.xRandomness = x_randomness;
  g_shim.xSleep = x_sleep;
  g_shim.xCurrentTime = x_current_time;
  g_shim.xGetLastError = x_get_last_error;
  g_shim.xCurrentTimeInt64 = x_current_time_int64;
  sqlite3_vfs_register(&g_shim, 1);
}

CutReport cut(std::mt19937_64& rng, CutMode mode) {
  g_mutex.lock();  // never unlocked: nothing reaches the files after this
  CutReport report;
  for (auto& [path, state] : g_files) {
    const std::size_t n = state->pending.size();
    report.pending += n;
    std::size_t prefix = n == 0 ? 0 : rng() % (n + 1);
    for (std::size_t i = 0; i < n; ++i) {
      bool keep = mode == CutMode::keep_random ? (rng() & 1) : mode == CutMode::keep_prefix ? i < prefix : false;
      if (!keep) continue;
      write_through(state->path, state->pending[i]);
      ++report.kept;
    }
  }
  return report;
}

}  // namespace cruddur::testing::power_cut
