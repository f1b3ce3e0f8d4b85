import { useState, type FormEvent } from 'react';
import { describeError } from '../api/errors';
import { login, me, signup } from '../api/shop';
import { Link, navigate, useLocation } from '../router';
import { setSession } from '../session';
import { Field, Notice } from '../ui';

async function signIn(email: string, password: string): Promise<void> {
  const token = await login({ email, password });
  const profile = await me(token.accessToken).catch(() => null);
  setSession({
    token: token.accessToken,
    email,
    name: profile?.name ?? email,
    expiresAt: Date.now() + token.expiresIn * 1000,
  });
}

function useSubmit(action: () => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

export function LoginPage() {
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    await signIn(email, password);
    const next = search.get('next') ?? '/';
    navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/');
  });
  return (
    <section aria-labelledby="login-title" className="narrow">
      <h1 id="login-title">Log in</h1>
      <form onSubmit={submit} noValidate={false}>
        <Field
          label="Email"
          id="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && <Notice>{error}</Notice>}
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        New here? <Link href="/signup">Sign up</Link>
      </p>
    </section>
  );
}

export function SignupPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    await signup({ email, password, name });
    await signIn(email, password);
    navigate('/');
  });
  return (
    <section aria-labelledby="signup-title" className="narrow">
      <h1 id="signup-title">Sign up</h1>
      <form onSubmit={submit}>
        <Field
          label="Name"
          id="name"
          autoComplete="name"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label="Email"
          id="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          id="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          hint="8 to 128 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && <Notice>{error}</Notice>}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating your account…' : 'Sign up'}
        </button>
      </form>
      <p>
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </section>
  );
}
