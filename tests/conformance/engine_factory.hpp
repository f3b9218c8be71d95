#pragma once
// Which engine the conformance suite runs against. CRUDDUR_TEST_ENGINE names an entry of engine_factories()
// (default "sqlite"); an unknown name fails every test with the list of known names.
//
// Adding an engine: write its factory function (declare it below, define it in its own file here), then add
// one line `{"name", &make_name_engine}` to the map in engine_factory.cpp. A factory reads whatever it needs
// (endpoint, credentials) from the environment; the engine it returns must be usable from several threads.

#include <map>
#include <memory>
#include <string>

#include "store/table.hpp"

namespace cruddur::conformance {

using EngineFactory = std::unique_ptr<store::Table> (*)();

// A SqliteTable on a fresh database file in its own temporary directory, removed with the engine.
std::unique_ptr<store::Table> make_sqlite_engine();

// A DynamoTable on the endpoint named by AWS_ENDPOINT_URL (dynamodb_engine.cpp).
std::unique_ptr<store::Table> make_dynamodb_engine();

// Name -> factory of every engine the suite knows.
const std::map<std::string, EngineFactory>& engine_factories();

// The value of CRUDDUR_TEST_ENGINE, or "sqlite" when unset or empty.
std::string engine_under_test_name();

// A fresh engine of the kind named by CRUDDUR_TEST_ENGINE. Throws std::runtime_error for an unknown name.
std::unique_ptr<store::Table> make_engine_under_test();

}  // namespace cruddur::conformance
