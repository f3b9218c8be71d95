#include "test_tokens.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <boost/json/serialize.hpp>

#include <stdexcept>

#include "core/base64url.hpp"

namespace cruddur::testing {

namespace {

std::string bignum_param(EVP_PKEY* key, const char* name) {
  BIGNUM* number = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &number) != 1) throw std::runtime_error("EVP_PKEY_get_bn_param");
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(number);
  return bytes;
}

std::string segment(const boost::json::object& object) { return base64url::encode(boost::json::serialize(object)); }

}  // namespace

TestRsaKey::TestRsaKey(int bits) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
  if (!key) throw std::runtime_error("RSA key generation failed");
  key_.reset(key, EVP_PKEY_free);
}

boost::json::object TestRsaKey::jwk(const std::string& kid) const {
  return {{"kty", "RSA"},
          {"kid", kid},
          {"use", "sig"},
          {"alg", "RS256"},
          {"n", base64url::encode(bignum_param(key_.get(), OSSL_PKEY_PARAM_RSA_N))},
          {"e", base64url::encode(bignum_param(key_.get(), OSSL_PKEY_PARAM_RSA_E))}};
}

std::string TestRsaKey::sign_rs256(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t size = 0;
  if (EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1)
    throw std::runtime_error("EVP_DigestSign");
  std::string signature(size, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
    throw std::runtime_error("EVP_DigestSign");
  signature.resize(size);
  return signature;
}

std::string TestRsaKey::public_key_pem() const {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key_.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

const TestRsaKey& pool_key() {
  static const TestRsaKey key;
  return key;
}
const TestRsaKey& other_key() {
  static const TestRsaKey key;
  return key;
}
const TestRsaKey& small_key() {
  static const TestRsaKey key(1024);
  return key;
}

std::string jwks_document(const std::vector<boost::json::object>& jwks) {
  boost::json::array keys;
  for (const auto& jwk : jwks) keys.push_back(jwk);
  return boost::json::serialize(boost::json::object{{"keys", keys}});
}

std::string rs256_token(const TestRsaKey& key, const boost::json::object& header, const boost::json::object& claims) {
  const std::string signing_input = segment(header) + "." + segment(claims);
  return signing_input + "." + base64url::encode(key.sign_rs256(signing_input));
}

std::string hs256_token(std::string_view secret, const boost::json::object& header, const boost::json::object& claims) {
  const std::string signing_input = segment(header) + "." + segment(claims);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), mac, &size);
  return signing_input + "." + base64url::encode(std::string_view(reinterpret_cast<char*>(mac), size));
}

std::string unsigned_token(const boost::json::object& header, const boost::json::object& claims,
                           std::string_view signature) {
  return segment(header) + "." + segment(claims) + "." + base64url::encode(signature);
}

}  // namespace cruddur::testing
