import { useEffect, useState } from 'react';
import { ApiError, describeError } from '../api/errors';
import { requestJson, send } from '../api/http';
import { readSse } from '../api/sse';
import { useSession } from '../session';
import { Notice } from '../ui';
import { isStale, normaliseSnapshot, type SystemSnapshot } from './model';
import { SystemMap } from './system-map';

/**
 * `/system`: the architecture drawn live from `GET /api/system/events` (a snapshot a second),
 * reconnecting after a drop; `GET /api/system` fills in while the stream cannot be opened.
 */
export function SystemPage() {
  const session = useSession();
  const token = session?.token ?? null;
  const [snapshot, setSnapshot] = useState<SystemSnapshot | null>(null);
  const [receivedAt, setReceivedAt] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(() => Date.now());
  const [openedAt] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const accept = (data: unknown) => {
      setSnapshot(normaliseSnapshot(data));
      setReceivedAt(Date.now());
      setError(null);
    };
    let retryMs = 2_000;
    void (async () => {
      while (!controller.signal.aborted) {
        retryMs = 2_000;
        // A stream that stays open but sends nothing for 10 s is dropped and opened again.
        const attempt = new AbortController();
        const stop = () => attempt.abort();
        controller.signal.addEventListener('abort', stop, { once: true });
        let watchdog = setTimeout(stop, 10_000);
        try {
          const response = await send('/api/system/events', {
            token,
            signal: attempt.signal,
            headers: { accept: 'text/event-stream' },
          });
          if (response.body)
            await readSse(
              response.body,
              (event) => {
                clearTimeout(watchdog);
                watchdog = setTimeout(stop, 10_000);
                try {
                  accept(JSON.parse(event.data));
                } catch {
                  // skipped: the next snapshot comes within a second
                }
              },
              attempt.signal,
            );
        } catch (streamError) {
          if (controller.signal.aborted) return;
          setError(
            attempt.signal.aborted
              ? new ApiError(0, 'no snapshot for 10 s', 'TIMEOUT', 'system')
              : streamError,
          );
          const forbidden =
            streamError instanceof ApiError && [401, 403].includes(streamError.status);
          // Not allowed: asking every two seconds changes nothing.
          if (forbidden) retryMs = 10_000;
          // Else one snapshot the plain way, if that answers.
          else
            try {
              accept(
                await requestJson('/api/system', {
                  token,
                  signal: controller.signal,
                  timeoutMs: 3_000,
                }),
              );
            } catch {
              // the error shown is the stream's
            }
        } finally {
          clearTimeout(watchdog);
          controller.signal.removeEventListener('abort', stop);
        }
        if (!controller.signal.aborted) await new Promise((r) => setTimeout(r, retryMs));
      }
    })();
    return () => controller.abort();
  }, [token]);

  const stale = isStale(receivedAt, now);
  return (
    <section aria-labelledby="system-title" className="system">
      <h1 id="system-title">System map</h1>
      <p className="intro">
        The gateway, the five services with each of their replicas, Kafka and Postgres, redrawn
        every second from <code>GET /api/system/events</code>. Try{' '}
        <code>docker compose kill payments</code>, or{' '}
        <code>docker compose up -d --scale catalog=3</code> under <code>npm run load</code>.
      </p>
      {error !== null && (
        <Notice kind={snapshot ? 'warning' : 'error'}>
          {error instanceof ApiError && [401, 403].includes(error.status)
            ? 'The system map is for administrators: log in with the admin account (ADMIN_EMAIL in the README), or run the stack with SYSTEM_MAP_PUBLIC=true (compose sets it).'
            : `Live map unavailable: ${describeError(error)} Reconnecting…`}
        </Notice>
      )}
      {snapshot && stale && error === null && (
        <Notice kind="warning">
          No update for {Math.round((now - (receivedAt ?? now)) / 1000)} s: the map may be out of
          date.
        </Notice>
      )}
      {snapshot ? (
        <SystemMap snapshot={snapshot} stale={stale} />
      ) : (
        error === null &&
        (now - openedAt > 5_000 ? (
          <Notice kind="warning">No snapshot from the gateway yet; still trying.</Notice>
        ) : (
          <p className="loading" role="status">
            Connecting to the system map…
          </p>
        ))
      )}
      {snapshot?.at && (
        <p className="meta" aria-live="off">
          Snapshot {new Date(snapshot.at).toLocaleTimeString()}
          {snapshot.gateway.replica ? ` from ${snapshot.gateway.replica}` : ''}
        </p>
      )}
    </section>
  );
}
