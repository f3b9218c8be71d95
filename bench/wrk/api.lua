-- wrk script for Cruddur Messaging: authorized GETs and reply sends, with a machine-readable result line.
--
-- Script arguments (after wrk's `--`):
--   get  <token> <path> [<token> <path> ...]
--        GET <path> with "Authorization: Bearer <token>", rotating through the pairs. All requests are built
--        once in init(), so wrk spends no time per request building them.
--   send <run-label> <token> <message_group_uuid> [<token> <message_group_uuid> ...]
--        POST /api/messages replies, rotating through the (sender, conversation) pairs; every request has a
--        unique client_message_id "<run-label>-<thread>-<n>", so each one is a new message (no idempotent
--        replays). The run label must differ between runs against the same data.
--   (no arguments): plain GET of the URL's path (e.g. /api/health).
--
-- done() prints one line that bench/run.sh parses:
--   RESULT requests=N duration_us=N rps=R p50_us=N p90_us=N p99_us=N max_us=N non2xx=N sock_errors=N
-- non2xx counts responses with status > 399 (wrk's errors.status); the run is invalid when it is not 0.

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

local requests_ = nil
local pairs_ = nil
local next_ = 1
local counter = 0
local mode = nil
local label = nil
local text = "Benchmark reply: lorem ipsum dolor sit amet, consectetur adipiscing elit. "

function init(args)
  mode = args[1]
  if mode == "get" then
    requests_ = {}
    for i = 2, #args, 2 do
      local headers = { ["Authorization"] = "Bearer " .. args[i] }
      requests_[#requests_ + 1] = wrk.format("GET", args[i + 1], headers, nil)
    end
  elseif mode == "send" then
    label = args[2]
    pairs_ = {}
    for i = 3, #args, 2 do
      pairs_[#pairs_ + 1] = { headers = { ["Authorization"] = "Bearer " .. args[i],
                                          ["Content-Type"] = "application/json" },
                              group = args[i + 1] }
    end
  else
    requests_ = { wrk.format("GET", wrk.path, nil, nil) }
  end
end

function request()
  if mode == "send" then
    counter = counter + 1
    local p = pairs_[next_]
    next_ = next_ % #pairs_ + 1
    local id = label .. "-" .. thread_id .. "-" .. counter
    local body = '{"message":"' .. text .. id .. '","message_group_uuid":"' .. p.group ..
                 '","client_message_id":"' .. id .. '"}'
    return wrk.format("POST", "/api/messages", p.headers, body)
  end
  local r = requests_[next_]
  next_ = next_ % #requests_ + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d sock_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
