#pragma once
// The Lua scripts the backplane runs in Redis (EVAL; Redis caches them by digest). Each runs atomically, so
// a user's log ids and the order of PUBLISH agree across instances. doc/stream.md describes the keys.

namespace cruddur::live::redis_scripts {

// Logs and publishes one event.
// KEYS[1] the user's log; ARGV: max entries, ttl seconds, channel, user uuid, frame template.
// Publishes "e\n<user>\n<entry id>\n<frame template>"; returns the entry id.
inline constexpr const char* kPublish = R"lua(
local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 'f', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], 'e\n' .. ARGV[4] .. '\n' .. id .. '\n' .. ARGV[5])
return id
)lua";

// Opens a stream. KEYS[1] the user's log; ARGV: max entries, ttl seconds, since (an entry id, or '').
// Returns {head, ok, entries}: head = the id of the log's newest entry (an empty log first gets a marker
// entry "m", so that every position names an entry that trimming removes like any other); ok = 1 when
// `since` is '' or still in the log (every later entry is then there too); entries = those after `since`.
inline constexpr const char* kOpen = R"lua(
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local head
if #last == 0 then
  head = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 'm', '1')
else
  head = last[1][1]
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
if ARGV[3] == '' then return {head, 1, {}} end
local entries = redis.call('XRANGE', KEYS[1], ARGV[3], '+', 'COUNT', tonumber(ARGV[1]) + 1)
if #entries == 0 or entries[1][1] ~= ARGV[3] then return {head, 0, {}} end
table.remove(entries, 1)
return {head, 1, entries}
)lua";

}  // namespace cruddur::live::redis_scripts
