// Paging cursors (messaging/cursor.hpp) as a client sends them in ?cursor=, and the `limit` parameter
// (api/paging.hpp). Properties: a cursor that decodes re-encodes to one that decodes to the same position;
// a bad limit is a 422, never anything else.
//
// Input: the cursor text; its first byte, as a string, also serves as `limit`.
#include "api/paging.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "messaging/cursor.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace cruddur;
namespace cursor = cruddur::messaging::cursor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto sk = cursor::decode_message(input)) {
    auto again = cursor::decode_message(cursor::encode_message(*sk));
    if (!again || *again != *sk) std::abort();
  }
  if (auto position = cursor::decode_conversation(input)) {
    auto again = cursor::decode_conversation(cursor::encode_conversation(*position));
    if (!again || again->activity != position->activity || again->message_group_uuid != position->message_group_uuid)
      std::abort();
  }
  if (auto t = parse_timestamp(input)) {
    if (parse_timestamp(format_timestamp(*t)) != t) std::abort();
  }

  api::Request request;
  request.query["cursor"] = std::string(input);
  request.query["limit"] = std::string(input.substr(0, input.find('|')));
  try {
    auto page = api::page_request(request);
    if (page.limit < 1 || page.limit > messaging::kMaxPageSize) std::abort();
  } catch (const Error& e) {
    if (e.status() != 422) std::abort();
  }
  return 0;
}
