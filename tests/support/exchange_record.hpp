#pragma once
// The API tests' record of what the server answered, for tests/api/check-openapi.mjs (doc/openapi.yaml
// checked against real responses). When CRUDDUR_API_RECORD names a file, every exchange of the test HTTP
// clients (HttpClient::request, and the HTTP part of WebSocketClient's upgrade) is appended to it as one JSON
// line: {"method", "target", "status", "content_type", "body"}. Unset: nothing is recorded. Thread-safe;
// several processes may append to one file (each line is one write of an O_APPEND file).

#include <string_view>

namespace cruddur::testing {

void record_exchange(std::string_view method, std::string_view target, int status, std::string_view content_type,
                     std::string_view body);

}  // namespace cruddur::testing
