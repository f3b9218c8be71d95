import { useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { startSession } from '../auth/session.js';
import { splitErrors } from '../lib/errors.js';

/**
 * State shared by the sign in and sign up forms: values, per-field errors from the API, the submit.
 * On success the session starts and the person goes where they were headed (or to /messages).
 */
export function useAuthForm(fieldNames, call) {
  const [values, setValues] = useState(() => Object.fromEntries(fieldNames.map((f) => [f, ''])));
  const [fieldErrors, setFieldErrors] = useState({});
  const [formErrors, setFormErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const refs = useRef({});
  const navigate = useNavigate();
  const location = useLocation();

  const bind = (name) => ({
    name,
    value: values[name],
    error: fieldErrors[name],
    ref: (el) => {
      refs.current[name] = el;
    },
    onChange: (e) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  async function onSubmit(e) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFormErrors([]);
    try {
      const auth = await call(values);
      startSession(auth);
      const to = location.state?.from;
      navigate(typeof to === 'string' && to.startsWith('/') && !to.startsWith('//') ? to : '/messages', {
        replace: true,
      });
    } catch (err) {
      const { fields, form } = splitErrors(err.codes || ['network_error'], fieldNames);
      setFieldErrors(fields);
      setFormErrors(form);
      setBusy(false);
      const firstBad = fieldNames.find((f) => fields[f]);
      if (firstBad) refs.current[firstBad]?.focus();
    }
  }

  return { bind, busy, formErrors, onSubmit };
}
