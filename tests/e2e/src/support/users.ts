import { randomUUID } from 'node:crypto';
import type { LoginResult, UserView } from '@shop/contracts';
import { getJson } from './gateway';

export const ADMIN = { email: 'admin@example.com', password: 'admin-dev-password' };

export function json(method: string, body: unknown, token?: string): RequestInit {
  return {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  };
}

export function auth(token: string, method = 'GET'): RequestInit {
  return { method, headers: { authorization: `Bearer ${token}` } };
}

export async function login(email: string, password: string): Promise<string> {
  const { status, body } = await getJson<LoginResult>(
    '/api/accounts/login',
    json('POST', { email, password }),
  );
  if (status !== 200) throw new Error(`login of ${email} answered ${status}`);
  return body.accessToken;
}

/** A new shopper: signed up and logged in through the gateway. */
export async function newShopper(): Promise<{
  user: UserView;
  email: string;
  password: string;
  token: string;
}> {
  const email = `shopper-${randomUUID()}@example.com`;
  const password = 'shopper-password';
  const signup = await getJson<UserView>(
    '/api/accounts/signup',
    json('POST', { email, password, name: 'Shopper' }),
  );
  if (signup.status !== 201) throw new Error(`signup answered ${signup.status}`);
  return { user: signup.body, email, password, token: await login(email, password) };
}
