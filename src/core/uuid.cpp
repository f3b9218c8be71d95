#include "core/uuid.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <cctype>
#include <stdexcept>

namespace cruddur::uuid {

namespace {
using Bytes = std::array<unsigned char, 16>;

std::string to_text(const Bytes& b) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 15];
  }
  return out;
}

Bytes from_text(std::string_view t) {
  if (!is_valid(t)) throw std::invalid_argument("not a uuid");
  Bytes b{};
  size_t j = 0;
  auto nib = [](char c) -> unsigned char {
    c = char(std::tolower(static_cast<unsigned char>(c)));
    return c <= '9' ? c - '0' : c - 'a' + 10;
  };
  for (size_t i = 0; i < t.size();) {
    if (t[i] == '-') {
      ++i;
      continue;
    }
    b[j++] = static_cast<unsigned char>((nib(t[i]) << 4) | nib(t[i + 1]));
    i += 2;
  }
  return b;
}
}  // namespace

std::string random_v4() {
  Bytes b;
  randombytes_buf(b.data(), b.size());
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return to_text(b);
}

std::string name_based_v5(std::string_view namespace_uuid, std::string_view name) {
  Bytes ns = from_text(namespace_uuid);
  std::string input(reinterpret_cast<const char*>(ns.data()), ns.size());
  input.append(name);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha1(), nullptr) != 1)
    throw std::runtime_error("SHA-1 failed");
  Bytes b;
  for (size_t i = 0; i < 16; ++i) b[i] = digest[i];
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  return to_text(b);
}

bool is_valid(std::string_view t) {
  if (t.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (t[i] != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(t[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace cruddur::uuid
