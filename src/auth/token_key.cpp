#include "auth/token_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "auth/sodium_init.hpp"
#include "core/base64url.hpp"

namespace cruddur::auth {

namespace {

constexpr std::size_t kFileKeyBytes = 32;

std::runtime_error io_error(const std::string& what, const std::filesystem::path& path) {
  return std::runtime_error("token key: " + what + " " + path.string() + ": " + std::strerror(errno));
}

// Closes a file descriptor when it goes out of scope.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

void write_all(int fd, const unsigned char* data, std::size_t size, const std::filesystem::path& path) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      throw io_error("cannot write", path);
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

// Writes a new random key to a private temporary file, then links it to `file`. link() fails with EEXIST
// when `file` exists, so at most one process publishes a key, and readers never see a partial one.
void try_create_key_file(const std::filesystem::path& file) {
  unsigned char key[kFileKeyBytes];
  randombytes_buf(key, sizeof key);
  const std::filesystem::path temporary =
      file.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(randombytes_random());
  {
    FileDescriptor out{::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
    if (out.fd < 0) throw io_error("cannot create", temporary);
    try {
      write_all(out.fd, key, sizeof key, temporary);
      if (::fsync(out.fd) != 0) throw io_error("cannot sync", temporary);
    } catch (...) {
      sodium_memzero(key, sizeof key);
      ::unlink(temporary.c_str());
      throw;
    }
  }
  sodium_memzero(key, sizeof key);
  const int linked = ::link(temporary.c_str(), file.c_str());
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    errno = link_errno;
    throw io_error("cannot create", file);
  }
}

std::string read_key_file(const std::filesystem::path& file) {
  FileDescriptor in{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) throw io_error("cannot open", file);
  std::string bytes(kFileKeyBytes + 1, '\0');  // one extra byte to notice a file that is too long
  std::size_t size = 0;
  while (size < bytes.size()) {
    const ssize_t got = ::read(in.fd, bytes.data() + size, bytes.size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw io_error("cannot read", file);
    }
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
  }
  if (size != kFileKeyBytes)
    throw std::runtime_error("token key: " + file.string() + " must hold exactly 32 bytes; remove it to make a new key");
  bytes.resize(size);
  return bytes;
}

}  // namespace

TokenKey::TokenKey(std::string bytes) : bytes_(std::move(bytes)) {
  if (bytes_.size() < kMinBytes) throw std::invalid_argument("token key: needs at least 32 bytes");
}

TokenKey::~TokenKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

TokenKey TokenKey::random() {
  ensure_sodium_initialized();
  std::string bytes(kMinBytes, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return TokenKey(std::move(bytes));
}

TokenKey token_key_from_secret(std::string_view base64url_secret) {
  auto bytes = base64url::decode(base64url_secret);
  if (!bytes) throw std::invalid_argument(std::string("token key: ") + kTokenSecretEnv + " is not base64url");
  if (bytes->size() < TokenKey::kMinBytes)
    throw std::invalid_argument(std::string("token key: ") + kTokenSecretEnv + " must decode to at least 32 bytes");
  return TokenKey(std::move(*bytes));
}

TokenKey load_or_create_token_key_file(const std::filesystem::path& file) {
  ensure_sodium_initialized();
  struct stat info;
  if (::stat(file.c_str(), &info) != 0) {
    if (errno != ENOENT) throw io_error("cannot stat", file);
    try_create_key_file(file);
  }
  // Read back in every case: when another process won the race to create the file, its key is the key.
  return TokenKey(read_key_file(file));
}

TokenKey load_token_key(const std::filesystem::path& data_dir) {
  if (const char* secret = std::getenv(kTokenSecretEnv); secret && *secret) return token_key_from_secret(secret);
  return load_or_create_token_key_file(data_dir / kTokenKeyFileName);
}

}  // namespace cruddur::auth
