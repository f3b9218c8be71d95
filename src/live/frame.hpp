#pragma once
// A stream frame as the live layer moves it: JSON text rendered once (by src/api) and shared by every
// queue that holds it. Immutable, so it may be read from any thread.

#include <memory>
#include <string>

namespace cruddur::live {

using Frame = std::shared_ptr<const std::string>;

enum class FrameKind {
  event,      // logged, carries a `since` position; never dropped by a queue (a full queue closes the socket)
  transient,  // typing: not logged, not replayed; the first thing a filling queue drops
  control,    // hello, resync, error: sent to one socket only
};

// One open stream, as the Hub sees it (implemented by the WebSocket session in src/http).
// Contract: deliver() is thread-safe, never blocks and never calls back into the Hub (it is called with
// the Hub's lock for that user held, in the user's event order); it hands the frame to the stream's own
// executor (asio::post, never inline), so frames a subscriber got from subscribe() go out before any
// delivered after it.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  virtual void deliver(const Frame& frame, FrameKind kind) = 0;
};

}  // namespace cruddur::live
