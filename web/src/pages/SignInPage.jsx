import { Link, useLocation } from 'react-router';
import { signIn } from '../api/cruddur.js';
import { AuthForm } from '../components/AuthForm.jsx';
import { FormField } from '../components/FormField.jsx';
import { useAuthForm } from './useAuthForm.js';

export function SignInPage() {
  const location = useLocation();
  const form = useAuthForm(['login', 'password'], (v) => signIn(v));
  return (
    <AuthForm
      title="Sign in"
      errors={form.formErrors}
      busy={form.busy}
      submitLabel="Sign in"
      onSubmit={form.onSubmit}
      footer={
        <>
          New to Cruddur?{' '}
          <Link to="/signup" state={location.state}>
            Create an account
          </Link>
        </>
      }
    >
      <FormField label="Handle or email" autoComplete="username" autoCapitalize="none" {...form.bind('login')} />
      <FormField label="Password" type="password" autoComplete="current-password" {...form.bind('password')} />
    </AuthForm>
  );
}
