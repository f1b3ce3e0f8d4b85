import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { endOnClose } from './graceful-close';

/**
 * Takes the reply over from Fastify and starts a Server-Sent Events stream on it: status 200,
 * `text/event-stream`, no caching or proxy buffering (nginx honours `x-accel-buffering`), the
 * request id kept. The caller writes {@link sseEvent}s and ends the stream; the client's
 * disconnect is the raw response's `close`. When the server begins to close (SIGTERM), the stream
 * is ended with a comment saying so and its connection closed (graceful-close.ts): the client
 * reconnects, to another replica.
 */
export function openEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(reply.request.id),
  });
  endOnClose(reply, () => {
    if (raw.writableEnded) return;
    // the headers said keep-alive: the connection goes with the stream, or it would hold the close
    raw.once('finish', () => raw.socket?.end());
    raw.end(sseComment('this replica is shutting down; reconnect'));
  });
  return raw;
}

/** One event, its data as JSON on one line: `event: NAME`, `id: ID` when given, `data: ...`. */
export function sseEvent(name: string, data: unknown, id?: string): string {
  return `event: ${name}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: keeps a quiet stream alive through proxies and says why to a reader. */
export const sseComment = (text: string): string => `: ${text}\n\n`;
