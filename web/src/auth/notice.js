// One message for the sign-in page about why a session ended without the person signing out
// (an error code, e.g. user_not_provisioned). The page reads it when it mounts, then clears it.
let pending = null;

export function setNotice(code) {
  pending = code;
}

export function peekNotice() {
  return pending;
}

export function clearNotice() {
  pending = null;
}
