import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { signIn, signInWithCognito } from '../api/cruddur.js';
import { clearNotice, peekNotice } from '../auth/notice.js';
import { AuthForm } from '../components/AuthForm.jsx';
import { FormField } from '../components/FormField.jsx';
import { isCognito } from '../lib/config.js';
import { errorText } from '../lib/errors.js';
import { useAuthForm } from './useAuthForm.js';

export function SignInPage() {
  const location = useLocation();
  const cognito = isCognito();
  const form = useAuthForm(['login', 'password'], (v) => (cognito ? signInWithCognito(v) : signIn(v)));
  // Why the last session ended, when it was not the person's doing (e.g. 403 user_not_provisioned).
  const [notice] = useState(peekNotice);
  useEffect(clearNotice, []);
  const errors = form.formErrors.length || !notice ? form.formErrors : [errorText(notice)];
  return (
    <AuthForm
      title="Sign in"
      errors={errors}
      busy={form.busy}
      submitLabel="Sign in"
      onSubmit={form.onSubmit}
      footer={
        cognito ? (
          <>Accounts are managed by your organisation&apos;s sign-in.</>
        ) : (
          <>
            New to Cruddur?{' '}
            <Link to="/signup" state={location.state}>
              Create an account
            </Link>
          </>
        )
      }
    >
      <FormField
        label={cognito ? 'Username' : 'Handle or email'}
        autoComplete="username"
        autoCapitalize="none"
        {...form.bind('login')}
      />
      <FormField label="Password" type="password" autoComplete="current-password" {...form.bind('password')} />
    </AuthForm>
  );
}
