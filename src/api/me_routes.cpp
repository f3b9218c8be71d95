// GET /api/me/export: the caller's own conversations and every message in them, as one JSON document to
// download (doc/api.md). Only the caller's data: the conversations are the caller's own list, and each
// conversation is read as the caller, through the same membership check as every read.
//
// Streamed (api::BodyStream): the document is written a page at a time while it is sent, so the server
// holds one page of the conversation list (100 rows) and one page of messages (100) whatever the size of
// the caller's history. Authentication and the rate limit come first, so a refusal is an ordinary error
// reply; a storage failure part-way ends the download truncated (the client sees an incomplete document).
#include "api/api_context.hpp"
#include "api/render.hpp"
#include "core/error.hpp"

#include <memory>

namespace cruddur::api {

namespace {

using boost::asio::awaitable;

// The document, piece by piece: {"format", "version", "user", "conversations": [{"conversation": {...},
// "messages": [oldest ... newest]}, ...]}. Conversations newest activity first, as the list shows them.
// Not thread-safe: the transport calls next() one call at a time.
class ExportSource {
 public:
  ExportSource(ApiContext& context, users::User me) : context_(context), me_(std::move(me)) {}

  // The next piece of the document; "" once it is complete.
  awaitable<std::string> next() {
    switch (phase_) {
      case Phase::start:
        out_.begin_object();
        out_.member("format", "cruddur-my-messages");
        out_.key("version");
        out_.number(1);
        out_.key("user");
        render_user(out_, me_);
        out_.key("conversations");
        out_.begin_array();
        phase_ = Phase::list;
        co_return out_.take();
      case Phase::list:
        break;
      case Phase::done:
        co_return std::string();
    }
    // One page of messages of the current conversation, opening the next conversation (and fetching the
    // next page of the list) as needed.
    while (!in_conversation_) {
      if (next_row_ == rows_.size()) {
        if (list_ended_) {
          out_.end_array();
          out_.end_object();
          phase_ = Phase::done;
          co_return out_.take();
        }
        auto fetch = context_.messaging.list_conversations(me_, list_page_);
        auto page = co_await std::move(fetch);
        rows_ = std::move(page.items);
        next_row_ = 0;
        list_ended_ = !page.next_cursor;
        list_page_.cursor = std::move(page.next_cursor);
        continue;
      }
      const auto& row = rows_[next_row_];
      out_.begin_object();
      out_.key("conversation");
      render_conversation(out_, row);
      out_.key("messages");
      out_.begin_array();
      in_conversation_ = true;
      message_page_ = messaging::PageRequest{messaging::kMaxPageSize, std::nullopt, true};
    }
    const std::string& group = rows_[next_row_].message_group_uuid;
    auto fetch = context_.messaging.list_messages(me_, group, message_page_);
    auto page = co_await std::move(fetch);
    for (const auto& message : page.items) render_message(out_, message);
    if (page.next_cursor) {
      message_page_.cursor = std::move(page.next_cursor);
    } else {
      out_.end_array();
      out_.end_object();
      in_conversation_ = false;
      ++next_row_;
    }
    co_return out_.take();
  }

 private:
  enum class Phase { start, list, done };

  ApiContext& context_;
  const users::User me_;
  JsonWriter out_;  // keeps its place in the document between pieces
  Phase phase_ = Phase::start;
  messaging::PageRequest list_page_{messaging::kMaxPageSize, std::nullopt};
  std::vector<messaging::ConversationSummary> rows_;  // the current page of the list
  std::size_t next_row_ = 0;                          // the conversation being written (or next)
  bool list_ended_ = false;                           // rows_ is the list's last page
  bool in_conversation_ = false;                      // its messages are being written
  messaging::PageRequest message_page_;
};

awaitable<Response> export_mine(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  // A whole history is the most expensive read there is: a few an hour per person.
  if (Microseconds wait = context.export_limiter.acquire(me.uuid); wait > 0)
    throw Error::too_many_requests(retry_after(wait));

  std::string filename = "cruddur-messages-" + me.handle + ".json";
  auto source = std::make_shared<ExportSource>(context, std::move(me));
  Response response;
  response.stream = [source] { return source->next(); };
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  co_return response;
}

}  // namespace

void add_me_routes(ApiContext& context, std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/me/export", bind(context, export_mine)});
}

}  // namespace cruddur::api
