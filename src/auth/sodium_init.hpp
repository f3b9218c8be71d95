#pragma once
// libsodium must be initialised before its password hashing and random functions are used.

namespace cruddur::auth {

// Calls sodium_init() the first time; later calls do nothing. Thread-safe. Throws std::runtime_error
// when libsodium cannot initialise (no usable randomness source).
void ensure_sodium_initialized();

}  // namespace cruddur::auth
