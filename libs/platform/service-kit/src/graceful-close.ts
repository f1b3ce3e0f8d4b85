import type { Server } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** What to end, per HTTP server, when it begins to close. */
const longLived = new WeakMap<Server, Set<() => void>>();

/**
 * A graceful close of a service's HTTP server (SIGTERM: a stop, a rolling update). Fastify stops
 * accepting connections, answers a request arriving on an open one with 503
 * (`return503OnClosing`) and closes the idle ones (`forceCloseConnections: 'idle'`), then waits
 * for the rest. Two kinds of connection would still hold it open until the shutdown deadline
 * (`SHUTDOWN_GRACE_MS`, then exit 1, and on Swarm or Kubernetes a kill):
 * - a keep-alive connection that had a request in flight when the close began: it becomes idle
 *   once answered, but Node closes idle connections only at the start of the close, and the
 *   client's pool keeps it open (Fastify's keep-alive timeout is 72 s). So while closing, every
 *   response says `Connection: close`: the connection ends with the answer.
 * - a long-lived response (a Server-Sent Events stream): ended, through what was registered with
 *   {@link endOnClose}; an EventSource reconnects, to another replica.
 */
export function closeGracefully(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    for (const end of [...(longLived.get(fastify.server) ?? [])]) end();
    done();
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}

/**
 * Registers `end` to be called when the server of `reply` begins to close, for a response that
 * would otherwise last until then (an event stream, a proxied one). Unregistered when the
 * response is over.
 */
export function endOnClose(reply: FastifyReply, end: () => void): void {
  const server = reply.server.server;
  const ends = longLived.get(server) ?? new Set<() => void>();
  longLived.set(server, ends);
  ends.add(end);
  reply.raw.once('close', () => ends.delete(end));
}
