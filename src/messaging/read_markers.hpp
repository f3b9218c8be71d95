#pragma once
// The writes that move read markers (doc/keys.md, "Read markers and unread counts"). A marker is the sort key
// (`<created_at>#<message uuid>`) of the newest message a member has read. Each member's row holds their own
// (`read_marker`) and a mirror of the other member's (`other_read_marker`), so that a list row shows
// "seen up to" without reading the other row. Both only move forward: every write is conditional on the
// stored value being absent or older, so a retried, late or reordered write never moves one back, and
// writing the same marker twice is harmless (its condition fails; "already there" is success).
// Pure functions building requests; no thread affinity.

#include <string>

#include "store/table.hpp"

namespace cruddur::messaging::read_markers {

// SET read_marker = :marker on `owner`'s row of `group`, if the row exists and its marker is older.
store::UpdateRequest advance_own(const std::string& table, const std::string& owner_uuid, const std::string& group,
                                 const std::string& marker);

// SET other_read_marker = :marker on `owner`'s row of `group` (the other member read up to `marker`), if the
// row exists and the mirrored marker is older.
store::UpdateRequest advance_mirror(const std::string& table, const std::string& owner_uuid, const std::string& group,
                                    const std::string& marker);

}  // namespace cruddur::messaging::read_markers
