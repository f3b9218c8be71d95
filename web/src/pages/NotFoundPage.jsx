import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <main className="auth" id="main">
      <title>Page not found · Cruddur</title>
      <div className="auth__card">
        <h1 className="auth__title">Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <p>
          <Link to="/messages">Go to your messages</Link>
        </p>
      </div>
    </main>
  );
}
