#include "auth/sodium_init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace cruddur::auth {

void ensure_sodium_initialized() {
  // A function-local static runs sodium_init() exactly once, even when threads race here.
  static const int result = sodium_init();  // 0 first time, 1 if already initialised, -1 on failure
  if (result < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace cruddur::auth
