#pragma once
// Incremental SHA-256 (OpenSSL), and the order-independent digest of a set of lines that export, import and
// verify compare (doc/export.md "Checksums").
//
// Plain value types; one object per thread.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace cruddur::transfer {

using Digest = std::array<std::uint8_t, 32>;

std::string to_hex(const Digest& digest);

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(std::string_view bytes);
  Digest finish();  // the object must not be used afterwards

  static Digest of(std::string_view bytes);

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

// SHA-256 of a file's bytes, hex; throws std::runtime_error when it cannot be read.
std::string file_sha256_hex(const std::string& path);

// A multiset digest of lines: the count, and the sum modulo 2^256 of the SHA-256 of each line (big-endian
// numbers). The same lines in any order give the same digest, so an engine's scan order does not matter,
// and memory stays flat however many lines there are. Detects any line lost, added, repeated or changed.
class LineSetDigest {
 public:
  void add(std::string_view line);
  std::uint64_t count() const { return count_; }
  std::string hex() const { return to_hex(sum_); }

 private:
  std::uint64_t count_ = 0;
  Digest sum_{};
};

}  // namespace cruddur::transfer
