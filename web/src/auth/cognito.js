// Signing in against the Cognito user pool itself (cognito mode): InitiateAuth with USER_PASSWORD_AUTH,
// and REFRESH_TOKEN_AUTH for a new access token. Plain fetch to config.cognito_endpoint (the server's CSP
// allows that origin in connect-src). Failures become ApiError codes the sign-in form already shows.

import { ApiError } from '../api/errors.js';

const TARGET = 'AWSCognitoIdentityProviderService.InitiateAuth';

async function initiateAuth(config, body) {
  let res;
  try {
    res = await fetch(config.cognito_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': TARGET },
      body: JSON.stringify({ ClientId: config.cognito_client_id, ...body }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, ['network_error']);
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    // "__type" is "NotAuthorizedException" or "com.amazonaws...#NotAuthorizedException".
    const type = String(data?.__type || res.headers.get('x-amzn-ErrorType') || '').split('#').pop().split(':')[0];
    // Cognito: NotAuthorizedException ("Incorrect username or password."); cognito-local answers a wrong
    // password with InvalidPasswordException and an unknown user with NotAuthorizedException.
    if (['NotAuthorizedException', 'UserNotFoundException', 'InvalidPasswordException'].includes(type))
      throw new ApiError(401, ['invalid_credentials']);
    if (type === 'UserNotConfirmedException') throw new ApiError(403, ['cognito_user_not_confirmed']);
    if (type === 'PasswordResetRequiredException') throw new ApiError(403, ['cognito_password_reset_required']);
    if (type === 'TooManyRequestsException') throw new ApiError(429, ['too_many_requests']);
    throw new ApiError(res.status, [res.status >= 500 ? `http_${res.status}` : 'cognito_sign_in_failed']);
  }
  const result = data?.AuthenticationResult;
  if (!result || !result.AccessToken) {
    // A challenge (NEW_PASSWORD_REQUIRED, MFA...) this app cannot answer.
    throw new ApiError(403, ['cognito_challenge_unsupported']);
  }
  return result;
}

/** The `exp` (ms since the epoch) of a JWT, or null. */
export function jwtExpiry(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const payload = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** When the access token stops working: ExpiresIn when Cognito says it, else the token's exp, else 1 h. */
export function expiryOf(result, now = Date.now()) {
  if (typeof result.ExpiresIn === 'number' && result.ExpiresIn > 0) return now + result.ExpiresIn * 1000;
  return jwtExpiry(result.AccessToken) ?? now + 3600 * 1000;
}

/** Signs in with username + password: {accessToken, refreshToken, expiresAt}. Blank fields: 422 codes. */
export async function cognitoSignIn(config, { login, password }) {
  const codes = [];
  if (!login || !login.trim()) codes.push('login_blank');
  if (!password) codes.push('password_blank');
  if (codes.length) throw new ApiError(422, codes);
  const result = await initiateAuth(config, {
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: login.trim(), PASSWORD: password },
  });
  return { accessToken: result.AccessToken, refreshToken: result.RefreshToken || null, expiresAt: expiryOf(result) };
}

/** A new access token for a refresh token: {accessToken, refreshToken, expiresAt} (same refresh token). */
export async function cognitoRefresh(config, refreshToken) {
  const result = await initiateAuth(config, {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return { accessToken: result.AccessToken, refreshToken: result.RefreshToken || refreshToken, expiresAt: expiryOf(result) };
}
