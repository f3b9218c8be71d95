// `cruddur` command lines (src/app/cli.cpp: CLI11 and the checks of --listen, --metrics-listen, ranges,
// required options), parsed and checked but never run (run_cli's `execute` false).
//
// Input: the arguments after the program name, separated by NUL bytes, e.g. "serve\0--listen\0:80".
// Help and error text go to stdout/stderr as the real command's would.
#include "app/cli.hpp"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // --help and errors print a lot: keep the fuzzer's own output readable.
  std::freopen("/dev/null", "w", stdout);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> arguments{"cruddur"};
  size_t start = 0;
  for (size_t end; (end = input.find('\0', start)) != std::string::npos; start = end + 1)
    arguments.push_back(input.substr(start, end - start));
  arguments.push_back(input.substr(start));
  if (arguments.size() > 64) return 0;
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  cruddur::app::run_cli(static_cast<int>(arguments.size()), argv.data(), false);
  return 0;
}
