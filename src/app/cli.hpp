#pragma once
// `cruddur`: serve, ddb ..., db ... (see README). Returns the process exit code; errors are one clear line
// on stderr and a non-zero code.

namespace cruddur::app {

// `execute` false (the CLI fuzz target, fuzz/fuzz_cli.cpp): parse and check the arguments exactly the same
// way, including --listen and --metrics-listen, but run no command; 0 where a command would have run.
int run_cli(int argc, char** argv, bool execute = true);

}  // namespace cruddur::app
