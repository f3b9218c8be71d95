#include "transfer/sha256.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <stdexcept>

namespace cruddur::transfer {

struct Sha256::Context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  if (!context_->md || EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("sha256: cannot initialise");
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
  if (EVP_DigestUpdate(context_->md, bytes.data(), bytes.size()) != 1) throw std::runtime_error("sha256: update");
}

Digest Sha256::finish() {
  Digest digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context_->md, digest.data(), &size) != 1 || size != digest.size())
    throw std::runtime_error("sha256: finish");
  return digest;
}

Digest Sha256::of(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.finish();
}

std::string to_hex(const Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (auto byte : digest) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0xf];
  }
  return hex;
}

std::string file_sha256_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  Sha256 hash;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    hash.update(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  return to_hex(hash.finish());
}

void LineSetDigest::add(std::string_view line) {
  const Digest digest = Sha256::of(line);
  unsigned carry = 0;
  for (std::size_t i = sum_.size(); i-- > 0;) {
    unsigned total = sum_[i] + digest[i] + carry;
    sum_[i] = static_cast<std::uint8_t>(total & 0xff);
    carry = total >> 8;
  }
  ++count_;
}

}  // namespace cruddur::transfer
