// Every API route with any target, Authorization and body: the dispatcher (target decoding, query
// parameters, routing) into the real handlers (JSON bodies, cursors, paging, the domain, SQLite).
//
// Input (text):  line 1 "METHOD TARGET", line 2 the Authorization header, the rest the body. @ALICE@,
// @BOB@ and @GROUP@ are replaced as World::substitute says, e.g.
//   POST /api/messages
//   Bearer @ALICE@
//   {"message_group_uuid":"@GROUP@","message":"hi"}
// A 500 reply aborts (World::check_reply).
#include "api/api_context.hpp"
#include "core/run_sync.hpp"
#include "http/dispatcher.hpp"
#include "support/world.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace cruddur;

namespace {

// Splits off the text up to the next '\n' (all of it when there is none).
std::string_view take_line(std::string_view& rest) {
  auto end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::World& world = fuzz::World::get();
  static http::Dispatcher dispatcher(api::make_routes(world.services().api_context()), std::nullopt);

  std::string text = world.substitute({reinterpret_cast<const char*>(data), size});
  std::string_view rest = text;
  std::string_view request_line = take_line(rest);
  std::string_view authorization = take_line(rest);
  auto space = request_line.find(' ');
  if (space == std::string_view::npos) return 0;

  api::RequestInfo info;
  http::IncomingRequest request;
  request.method = std::string(request_line.substr(0, space));
  request.target = std::string(request_line.substr(space + 1));
  request.authorization = std::string(authorization);
  request.body = std::string(rest);
  request.info = &info;
  request.remote_address = "127.0.0.1";
  api::Response response = run_sync(dispatcher.dispatch(std::move(request)));
  fuzz::World::check_reply(response.status, text, response.body);
  return 0;
}
