// The DynamoDB engine for the conformance suite: whatever endpoint AWS_ENDPOINT_URL names (dynalite or
// DynamoDB Local started by tests/engines/run-with-dynamodb-engine.sh), credentials as AWS tools find them
// (dummy ones for a local endpoint). Tables are named uniquely by the fixture, so engines may share it.

#include "conformance/engine_factory.hpp"
#include "aws/aws_config.hpp"
#include "store/dynamodb/dynamo_table.hpp"

namespace cruddur::conformance {

std::unique_ptr<store::Table> make_dynamodb_engine() {
  return store::dynamodb::make_dynamodb_table(aws::resolve_aws_config());
}

}  // namespace cruddur::conformance
