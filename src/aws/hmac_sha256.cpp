#include "aws/hmac_sha256.hpp"

#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

namespace cruddur::aws {
namespace {

constexpr std::size_t kBlockSize = 64;  // SHA-256's

const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);  // never freed: lives as long as OpenSSL
  if (!md) throw std::runtime_error("SHA-256 is not available");
  return md;
}

struct Context {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  Context() {
    if (!ctx) throw std::bad_alloc();
  }
  ~Context() { EVP_MD_CTX_free(ctx); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
};

// This thread's scratch context: every hash starts with an init or a copy into it.
EVP_MD_CTX* scratch() {
  thread_local Context context;
  return context.ctx;
}

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("SHA-256: ") + what + " failed");
}

void update(EVP_MD_CTX* ctx, const void* data, std::size_t size) { check(EVP_DigestUpdate(ctx, data, size), "update"); }

Sha256Digest finish(EVP_MD_CTX* ctx) {
  Sha256Digest out{};
  unsigned int size = 0;
  check(EVP_DigestFinal_ex(ctx, out.data(), &size), "final");
  if (size != out.size()) throw std::runtime_error("SHA-256: unexpected digest size");
  return out;
}

}  // namespace

Sha256Digest sha256(std::string_view data) {
  EVP_MD_CTX* ctx = scratch();
  check(EVP_DigestInit_ex2(ctx, sha256_md(), nullptr), "init");
  update(ctx, data.data(), data.size());
  return finish(ctx);
}

struct HmacSha256Key::States {
  Context inner;  // after (key ^ ipad)
  Context outer;  // after (key ^ opad)
};

HmacSha256Key::HmacSha256Key(std::string_view key) : states_(std::make_unique<States>()) {
  unsigned char block[kBlockSize] = {};
  if (key.size() > kBlockSize) {
    Sha256Digest digest = sha256(key);
    std::memcpy(block, digest.data(), digest.size());
  } else {
    std::memcpy(block, key.data(), key.size());
  }
  unsigned char pad[kBlockSize];
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x36;
  check(EVP_DigestInit_ex2(states_->inner.ctx, sha256_md(), nullptr), "init");
  update(states_->inner.ctx, pad, kBlockSize);
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x5c;
  check(EVP_DigestInit_ex2(states_->outer.ctx, sha256_md(), nullptr), "init");
  update(states_->outer.ctx, pad, kBlockSize);
}

HmacSha256Key::~HmacSha256Key() = default;

Sha256Digest HmacSha256Key::mac(std::string_view data) const {
  EVP_MD_CTX* ctx = scratch();
  check(EVP_MD_CTX_copy_ex(ctx, states_->inner.ctx), "copy");
  update(ctx, data.data(), data.size());
  const Sha256Digest inner = finish(ctx);
  check(EVP_MD_CTX_copy_ex(ctx, states_->outer.ctx), "copy");
  update(ctx, inner.data(), inner.size());
  return finish(ctx);
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) { return HmacSha256Key(key).mac(data); }

}  // namespace cruddur::aws
