import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError } from './api/errors';

export type Async<T> =
  | { readonly state: 'loading'; readonly data?: T }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'error'; readonly error: unknown; readonly data?: T };

/**
 * Runs `load` when `deps` change (aborting the previous run) and on `reload()`. Every call under
 * it has a timeout (api/http.ts), so `loading` always ends, in data or in an error.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): Async<T> & { reload: () => void; set: (data: T) => void } {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setResult((previous) => ({ state: 'loading', data: previous.data }));
    loadRef.current(controller.signal).then(
      (data) => !controller.signal.aborted && setResult({ state: 'ok', data }),
      (error: unknown) =>
        !controller.signal.aborted &&
        setResult((previous) => ({ state: 'error', error, data: previous.data })),
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setResult({ state: 'ok', data }), []);
  return { ...result, reload, set };
}

export function Notice({
  kind = 'error',
  children,
}: {
  kind?: 'error' | 'info' | 'warning' | 'success';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Notice>
      <span>{describeError(error)}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </Notice>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Field({
  label,
  id,
  hint,
  ...input
}: { label: string; id: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** Calls `tick` every `everyMs` while the page is visible. */
export function useInterval(tick: () => void, everyMs: number): void {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') tick();
    }, everyMs);
    return () => clearInterval(timer);
  }, [tick, everyMs]);
}
