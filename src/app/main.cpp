#include "app/cli.hpp"

int main(int argc, char** argv) { return cruddur::app::run_cli(argc, argv); }
