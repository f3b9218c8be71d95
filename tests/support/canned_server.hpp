#pragma once
// An HTTP server on 127.0.0.1:<any port> for tests and fuzz targets of response parsers (DynamoDB, Cognito, the
// HTTP client): for each request it asks a Responder for the raw bytes to answer (status line, headers and
// body, exactly as given), writes them and closes the connection. Runs on a thread of its own for the life
// of the process; one connection at a time.
//
// Thread-safety: the responder runs on the server's thread; set what it answers before the request is sent
// (the client awaits the answer, so the hand-over is ordered).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace cruddur::testing {

struct CannedRequest {
  std::string head;  // request line and header fields
  std::string body;
  // The value of header `name` (case-insensitive), "" when absent.
  std::string header(std::string_view name) const;
};

using Responder = std::function<std::string(const CannedRequest&)>;

// "HTTP/1.1 <status> X\r\nContent-Type: ...\r\nContent-Length: <n>\r\n\r\n<body>".
std::string http_response(int status, std::string_view content_type, std::string_view body);

class CannedServer {
 public:
  explicit CannedServer(Responder responder);  // starts listening and serving
  uint16_t port() const { return port_; }

 private:
  uint16_t port_ = 0;
};

}  // namespace cruddur::testing
