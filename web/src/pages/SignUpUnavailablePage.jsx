import { Link, useLocation } from 'react-router';

/** /signup in cognito mode: accounts are created in the organisation's user pool, not here. */
export function SignUpUnavailablePage() {
  const location = useLocation();
  return (
    <main className="auth" id="main">
      <title>Create an account · Cruddur</title>
      <div className="auth__card">
        <p className="brand brand--large" aria-hidden="true">
          Cruddur
        </p>
        <h1 className="auth__title">Create an account</h1>
        <p className="muted">
          Accounts are managed by your organisation&apos;s sign-in. Ask your administrator for one, then sign in.
        </p>
        <p>
          <Link to="/signin" state={location.state}>
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
