#include "auth/cognito/rsa_public_key.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <string>

#include "core/base64url.hpp"

namespace cruddur::auth::cognito {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BigNum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

BigNum big_endian_number(const std::string& bytes) {
  return BigNum(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                          nullptr));
}

}  // namespace

std::optional<RsaPublicKey> RsaPublicKey::from_jwk(std::string_view n_base64url, std::string_view e_base64url) {
  auto n_bytes = base64url::decode(n_base64url);
  auto e_bytes = base64url::decode(e_base64url);
  if (!n_bytes || !e_bytes || n_bytes->empty() || e_bytes->empty()) return std::nullopt;
  BigNum n = big_endian_number(*n_bytes);
  BigNum e = big_endian_number(*e_bytes);
  if (!n || !e || BN_num_bits(n.get()) < kMinBits || BN_is_odd(e.get()) == 0 || BN_is_one(e.get()))
    return std::nullopt;

  ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!builder || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
    return std::nullopt;
  Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) <= 0) return std::nullopt;
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0 || !key) {
    ERR_clear_error();
    return std::nullopt;
  }
  return RsaPublicKey(std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
}

bool RsaPublicKey::verify_rs256(std::string_view data, std::string_view signature) const {
  // PKCS#1 v1.5 padding is the RSA default for EVP_DigestVerify; the signature must be exactly key-sized.
  if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key_.get()))) return false;
  DigestContext context(EVP_MD_CTX_new());
  if (!context || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1)
    return false;
  const bool valid = EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                      signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                                      data.size()) == 1;
  if (!valid) ERR_clear_error();  // a bad signature is an answer, not an error to leave on this thread's queue
  return valid;
}

int RsaPublicKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

}  // namespace cruddur::auth::cognito
