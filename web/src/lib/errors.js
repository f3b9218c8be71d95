// What each API error code means to a person, and which form field it belongs to.

const MESSAGES = {
  display_name_blank: 'Enter your name.',
  display_name_too_long: 'That name is too long (at most 100 characters).',
  display_name_invalid: 'That name contains characters that cannot be used.',
  display_name_invalid_characters: 'That name contains characters that cannot be used.',
  handle_blank: 'Choose a handle.',
  handle_invalid: 'Use 1 to 30 letters, digits or underscores.',
  handle_taken: 'That handle is taken.',
  email_blank: 'Enter your email address.',
  email_invalid: 'That is not a valid email address.',
  email_taken: 'An account already uses that email.',
  password_too_short: 'That password is too short: use at least 8 characters.',
  password_too_long: 'That password is too long.',
  password_invalid: 'That password contains characters that cannot be used.',
  password_blank: 'Enter your password.',
  login_blank: 'Enter your handle or email.',
  invalid_credentials: 'Wrong handle, email or password.',
  message_blank: 'Write something first.',
  message_exceed_max_chars_1024: 'A message can be at most 1024 characters.',
  message_invalid_utf8: 'That message contains characters that cannot be sent.',
  message_invalid_characters: 'That message contains characters that cannot be sent (control characters).',
  message_group_uuid_blank: 'No conversation was chosen.',
  cannot_message_self: 'You cannot send a message to yourself.',
  message_group_uuid_and_handle_both_given: 'Something went wrong sending this message; reload the page.',
  client_message_id_conflict: 'This retry does not match the message first sent; edit it and send again.',
  client_message_id_invalid: 'Your browser sent a bad message id; reload the page and try again.',
  user_not_found: 'There is no user with that handle.',
  message_group_not_found: 'That conversation does not exist, or you are not in it.',
  payload_too_large: 'That message is too large to send.',
  service_unavailable: 'The service is unavailable right now. Try again in a moment.',
  too_many_requests: 'You are sending too fast. Wait a moment and try again.',
  network_error: 'Could not reach the server. Check your connection and try again.',
  unauthorized: 'Please sign in again.',
  user_not_provisioned:
    'You signed in, but your account has not been set up for Cruddur Messages yet. Ask your administrator to add you.',
  cognito_user_not_confirmed: 'Your account is not confirmed yet. Follow the link in your invitation first.',
  cognito_password_reset_required: 'Your password must be reset before you can sign in. Ask your administrator.',
  cognito_challenge_unsupported:
    'Your account needs a step this app cannot do (such as setting a new password). Ask your administrator.',
  cognito_sign_in_failed: 'Signing in failed. Try again in a moment.',
};

const FIELDS = {
  display_name_blank: 'display_name',
  display_name_too_long: 'display_name',
  display_name_invalid: 'display_name',
  display_name_invalid_characters: 'display_name',
  handle_blank: 'handle',
  handle_invalid: 'handle',
  handle_taken: 'handle',
  email_blank: 'email',
  email_invalid: 'email',
  email_taken: 'email',
  password_too_short: 'password',
  password_too_long: 'password',
  password_invalid: 'password',
  password_blank: 'password',
  login_blank: 'login',
};

export function errorText(code) {
  if (MESSAGES[code]) return MESSAGES[code];
  if (/^http_5\d\d$/.test(code)) return 'Something went wrong on the server. Try again.';
  return `Something went wrong (${code}).`;
}

/** Splits codes into {fields: {name: text}, form: [text]}: field errors go next to their field. */
export function splitErrors(codes, fieldNames) {
  const fields = {};
  const form = [];
  for (const code of codes) {
    const f = FIELDS[code];
    if (f && fieldNames.includes(f)) fields[f] = fields[f] ? `${fields[f]} ${errorText(code)}` : errorText(code);
    else form.push(errorText(code));
  }
  return { fields, form };
}
