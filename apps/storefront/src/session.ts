import { useSyncExternalStore } from 'react';
import { whenUnauthorized } from './api/http';

/**
 * The signed-in shopper: the access token in memory, copied to sessionStorage so a reload in the
 * same tab keeps it (closing the tab forgets it). Nothing goes to localStorage or cookies.
 */
export interface Session {
  readonly token: string;
  readonly email: string;
  readonly name: string;
  /** Epoch ms after which the token is no longer accepted. */
  readonly expiresAt: number;
}

const KEY = 'shop.session';
let current: Session | null = load();
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  current = session;
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable (private mode): memory only
  }
  listeners.forEach((listener) => listener());
}

export function getSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) setSession(null);
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}

// A token the shop no longer accepts signs the shopper out (the page then offers to log in).
whenUnauthorized(() => setSession(null));
