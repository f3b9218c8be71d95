/** The frame around the sign in / sign up forms: title, form-level errors, submit button, footer link. */
export function AuthForm({ title, errors, busy, submitLabel, onSubmit, children, footer }) {
  return (
    <main className="auth" id="main">
      <title>{`${title} · Cruddur`}</title>
      <div className="auth__card">
        <p className="brand brand--large" aria-hidden="true">
          Cruddur
        </p>
        <h1 className="auth__title">{title}</h1>
        <form noValidate onSubmit={onSubmit} aria-busy={busy}>
          {errors.length > 0 && (
            <div className="form-error" role="alert">
              {errors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          )}
          {children}
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? 'Please wait…' : submitLabel}
          </button>
        </form>
        <p className="auth__footer">{footer}</p>
      </div>
    </main>
  );
}
