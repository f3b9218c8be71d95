// The one error type of API calls (and of signing in against Cognito): the HTTP status and the codes.
export class ApiError extends Error {
  /** @param {number} status HTTP status, 0 when the server could not be reached. @param {string[]} codes */
  constructor(status, codes) {
    super(`${status}: ${codes.join(', ')}`);
    this.name = 'ApiError';
    this.status = status;
    this.codes = codes;
  }
  has(code) {
    return this.codes.includes(code);
  }
}
