import { Link, useLocation } from 'react-router';
import { signUp } from '../api/cruddur.js';
import { AuthForm } from '../components/AuthForm.jsx';
import { FormField } from '../components/FormField.jsx';
import { useAuthForm } from './useAuthForm.js';

export function SignUpPage() {
  const location = useLocation();
  const form = useAuthForm(['display_name', 'handle', 'email', 'password'], (v) => signUp(v));
  return (
    <AuthForm
      title="Create your account"
      errors={form.formErrors}
      busy={form.busy}
      submitLabel="Sign up"
      onSubmit={form.onSubmit}
      footer={
        <>
          Already have an account?{' '}
          <Link to="/signin" state={location.state}>
            Sign in
          </Link>
        </>
      }
    >
      <FormField label="Name" autoComplete="name" {...form.bind('display_name')} />
      <FormField
        label="Handle"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        hint="How people find you, as @handle."
        {...form.bind('handle')}
      />
      <FormField label="Email" type="email" autoComplete="email" {...form.bind('email')} />
      <FormField label="Password" type="password" autoComplete="new-password" {...form.bind('password')} />
    </AuthForm>
  );
}
