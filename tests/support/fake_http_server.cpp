#include "support/fake_http_server.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

namespace cruddur::testing {

struct FakeHttpServer::Tls {
  SSL_CTX* ctx = nullptr;
  ~Tls() { SSL_CTX_free(ctx); }
};

namespace {

constexpr std::size_t kKeptRequests = 1000;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// One accepted connection, plain or TLS.
struct Peer {
  int fd;
  SSL* ssl = nullptr;

  ~Peer() { SSL_free(ssl); }
  long read(char* buffer, int size) { return ssl ? SSL_read(ssl, buffer, size) : ::recv(fd, buffer, size, 0); }
  bool write(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      long n = ssl ? SSL_write(ssl, bytes.data() + done, static_cast<int>(bytes.size() - done))
                   : ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
};

}  // namespace

std::string FakeRequest::header(std::string_view name) const {
  std::size_t line = head.find("\r\n");
  while (line != std::string::npos && line + 2 < head.size()) {
    std::size_t start = line + 2;
    std::size_t end = head.find("\r\n", start);
    std::string_view field(head.data() + start, (end == std::string::npos ? head.size() : end) - start);
    auto colon = field.find(':');
    if (colon != std::string_view::npos && iequals(field.substr(0, colon), name)) {
      std::string_view value = field.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
      return std::string(value);
    }
    line = end;
  }
  return {};
}

std::string http_response(int status, std::string_view content_type, std::string_view body,
                          std::string_view extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + std::string(content_type) +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + std::string(extra_headers) + "\r\n" +
         std::string(body);
}

FakeHttpServer::FakeHttpServer(Handler handler) : FakeHttpServer(std::move(handler), Options{}) {}

FakeHttpServer::FakeHttpServer(Handler handler, Options options)
    : handler_(std::move(handler)), keep_requests_(!options.fuzz_target) {
  const std::string& cert_pem = options.tls_cert_pem;
  const std::string& key_pem = options.tls_key_pem;
  if (!cert_pem.empty()) {
    tls_ = std::make_unique<Tls>();
    tls_->ctx = SSL_CTX_new(TLS_server_method());
    BIO* cert_bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
    X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    BIO* key_bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    const bool usable =
        cert && key && SSL_CTX_use_certificate(tls_->ctx, cert) == 1 && SSL_CTX_use_PrivateKey(tls_->ctx, key) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    BIO_free(cert_bio);
    BIO_free(key_bio);
    if (!usable) throw std::runtime_error("FakeHttpServer: bad certificate or key");
  }
  const auto threads = options.fuzz_target ? AcceptLoop::Threads::one : AcceptLoop::Threads::per_connection;
  loop_ = std::make_unique<AcceptLoop>([this](int fd) { serve(fd); }, threads);
}

FakeHttpServer::~FakeHttpServer() { loop_->stop(); }

std::string FakeHttpServer::url(std::string_view target) const {
  return "http://127.0.0.1:" + std::to_string(port()) + std::string(target);
}

int FakeHttpServer::request_count() const {
  std::lock_guard lock(mutex_);
  return total_;
}

std::vector<FakeRequest> FakeHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return {requests_.begin(), requests_.end()};
}

std::string FakeHttpServer::last_sni() const {
  std::lock_guard lock(mutex_);
  return last_sni_;
}

void FakeHttpServer::serve(int fd) {
  Peer peer{fd};
  if (tls_) {
    peer.ssl = SSL_new(tls_->ctx);
    SSL_set_fd(peer.ssl, fd);
    if (SSL_accept(peer.ssl) != 1) return;  // e.g. the client rejected our certificate
    const char* sni = SSL_get_servername(peer.ssl, TLSEXT_NAMETYPE_host_name);
    std::lock_guard lock(mutex_);
    last_sni_ = sni ? sni : "";
  }
  std::string buffer;
  char chunk[4096];
  auto read_more = [&] {
    long n = peer.read(chunk, sizeof chunk);
    if (n > 0) buffer.append(chunk, static_cast<std::size_t>(n));
    return n > 0;
  };
  for (int on_connection = 0;; ++on_connection) {
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos)
      if (!read_more()) return;
    FakeRequest request;
    request.head = buffer.substr(0, head_end);
    request.on_connection = on_connection;
    const std::size_t method_end = request.head.find(' ');
    request.method = request.head.substr(0, method_end);
    if (method_end != std::string::npos) {
      const std::size_t target_end = request.head.find_first_of(" \r", method_end + 1);
      request.target = request.head.substr(method_end + 1, target_end - method_end - 1);
    }
    const std::string length = request.header("Content-Length");
    const std::size_t body_size = length.empty() ? 0 : std::stoul(length);
    while (buffer.size() < head_end + 4 + body_size)
      if (!read_more()) return;
    request.body = buffer.substr(head_end + 4, body_size);
    buffer.erase(0, head_end + 4 + body_size);
    {
      std::lock_guard lock(mutex_);
      request.total = total_++;
      if (keep_requests_) requests_.push_back(request);
      if (requests_.size() > kKeptRequests) requests_.pop_front();
    }

    const FakeReply reply = handler_(request);
    if (!reply.bytes.empty() && !peer.write(reply.bytes)) return;
    if (reply.then == FakeReply::Then::close) {
      if (peer.ssl) SSL_shutdown(peer.ssl);
      ::shutdown(fd, SHUT_WR);
      return;
    }
    if (reply.then == FakeReply::Then::hold) {
      while (read_more()) buffer.clear();  // say nothing until the client or the destructor closes
      return;
    }
  }
}

}  // namespace cruddur::testing
