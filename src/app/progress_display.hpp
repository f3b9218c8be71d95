#pragma once
// Progress of a long command on stderr: a line redrawn in place when stderr is a terminal (a bar when the total
// is known: import, verify; a counter otherwise: export, which cannot know a table's size first), otherwise plain
// lines ("export: items 10000") at most one a second plus one when each part completes. stdout stays free for
// the command's result.
//
// Not thread-safe: for the one thread of a CLI command.

#include <string>

#include "transfer/progress.hpp"

namespace cruddur::app {

// `command` prefixes every line ("export", "import", "verify").
transfer::Progress progress_display(std::string command);

}  // namespace cruddur::app
