#include "http/request_trace.hpp"

#include "http/request_id.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <strings.h>

namespace cruddur::http {

RequestTrace::RequestTrace(std::string_view offered_id, std::chrono::steady_clock::time_point started)
    : id_(request_id_for(offered_id)), started_(started) {}

void RequestTrace::stamp(api::Response& response) const {
  auto& headers = response.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [](const auto& header) {
                                 return strcasecmp(header.first.c_str(), kRequestIdHeader.data()) == 0;
                               }),
                headers.end());
  headers.emplace_back(kRequestIdHeader, id_);
}

void RequestTrace::finish(const RequestObserver& observer, std::string_view method, int status) const {
  if (!observer) return;
  try {
    observer(CompletedRequest{id_, method, info_, status, std::chrono::steady_clock::now() - started_});
  } catch (const std::exception& e) {
    spdlog::error("request {}: the request observer threw: {}", id_, e.what());
  }
}

}  // namespace cruddur::http
