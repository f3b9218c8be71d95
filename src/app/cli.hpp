#pragma once
// `cruddur`: serve, ddb ..., db ... (see README). Returns the process exit code; errors are one clear line
// on stderr and a non-zero code.

namespace cruddur::app {

int run_cli(int argc, char** argv);

}  // namespace cruddur::app
