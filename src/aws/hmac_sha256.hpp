#pragma once
// SHA-256 and HMAC-SHA256 for request signing, without per-call setup: OpenSSL's SHA-256 (SHA-NI / AVX2 where
// the CPU has them) fetched once, one scratch digest context per thread, and an HMAC key kept as its two
// padded states (inner and outer), so that a MAC under a known key costs two copies and the message's blocks,
// where OpenSSL's one-shot HMAC() fetches the algorithm, allocates a MAC context and hashes both pads anew.
//
// Thread-safety: the functions and a const HmacSha256Key may be used from any number of threads at once.

#include <array>
#include <memory>
#include <string_view>

namespace cruddur::aws {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest sha256(std::string_view data);

class HmacSha256Key {
 public:
  explicit HmacSha256Key(std::string_view key);
  HmacSha256Key(const Sha256Digest& key) : HmacSha256Key(std::string_view(reinterpret_cast<const char*>(key.data()), key.size())) {}
  ~HmacSha256Key();
  HmacSha256Key(const HmacSha256Key&) = delete;
  HmacSha256Key& operator=(const HmacSha256Key&) = delete;

  Sha256Digest mac(std::string_view data) const;

 private:
  struct States;
  std::unique_ptr<States> states_;
};

// One MAC under a key used once (the signing-key chain).
Sha256Digest hmac_sha256(std::string_view key, std::string_view data);

}  // namespace cruddur::aws
