#pragma once
// The secret that signs access tokens (see token_signer.hpp).
//
// Where it comes from, in order:
//   1. the environment variable CRUDDUR_TOKEN_SECRET: base64url (unpadded) of at least 32 bytes, for
//      deployments where several instances must accept each other's tokens;
//   2. `<data dir>/token.key`: 32 random bytes, created with mode 0600 on first use. Creation is atomic
//      (the bytes are written to a private temporary file, then linked into place, which fails if the key
//      already exists), so two processes sharing a data dir always end up with the same key.
// Anyone who has the key can mint tokens for any user: keep it secret.

#include <filesystem>
#include <string>
#include <string_view>

namespace cruddur::auth {

class TokenKey {
 public:
  static constexpr std::size_t kMinBytes = 32;

  // Throws std::invalid_argument when `bytes` is shorter than kMinBytes.
  explicit TokenKey(std::string bytes);
  ~TokenKey();  // wipes the bytes
  TokenKey(const TokenKey&) = default;
  TokenKey& operator=(const TokenKey&) = default;

  // 32 fresh random bytes (tests, one-off tools).
  static TokenKey random();

  std::string_view bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

inline constexpr const char* kTokenSecretEnv = "CRUDDUR_TOKEN_SECRET";
inline constexpr const char* kTokenKeyFileName = "token.key";

// The key in a base64url secret; throws std::invalid_argument for bad base64url or fewer than 32 bytes.
TokenKey token_key_from_secret(std::string_view base64url_secret);

// The key in `file`, creating the file (32 random bytes, mode 0600) when it does not exist. Throws
// std::runtime_error when the file cannot be read or created, or does not hold exactly 32 bytes.
TokenKey load_or_create_token_key_file(const std::filesystem::path& file);

// The key from CRUDDUR_TOKEN_SECRET when set (and non-empty), else from `<data_dir>/token.key`.
// A secret that is set but invalid throws rather than silently falling back to the file.
TokenKey load_token_key(const std::filesystem::path& data_dir);

}  // namespace cruddur::auth
