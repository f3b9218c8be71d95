// `cruddur db update-cognito-user-ids`.
#include <stdexcept>

#include "app/commands.hpp"

namespace cruddur::app {

int db_update_cognito_user_ids(const Config&) {
  throw std::runtime_error("update-cognito-user-ids is not available in this build yet");
}

}  // namespace cruddur::app
