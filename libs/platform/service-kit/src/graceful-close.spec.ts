import { Controller, Get, Module, Res } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { Agent, request } from 'undici';
import type { HttpServiceConfig } from '@shop/platform/config';
import { createLoggerModule } from '@shop/platform/observability';
import { createHttpApp } from './create-http-app';
import { openEventStream, sseEvent } from './event-stream';

let release: () => void = () => undefined;

@Controller()
class ShutdownController {
  /** Answers once the test says so: a request in flight for as long as the test wants. */
  @Get('slow')
  async slow(): Promise<{ ok: true }> {
    await new Promise<void>((resolve) => (release = resolve));
    return { ok: true };
  }

  /** An event stream that never ends by itself. */
  @Get('events')
  events(@Res() reply: FastifyReply): void {
    openEventStream(reply).write(sseEvent('hello', { n: 1 }));
  }
}

@Module({
  imports: [
    createLoggerModule({
      service: 'catalog',
      level: 'error',
      destination: { write: () => undefined },
    }),
  ],
  controllers: [ShutdownController],
})
class ShutdownTestModule {}

/** Fastify keeps an idle keep-alive connection 72 s: a close held by one would miss this by far. */
const PROMPTLY_MS = 5_000;

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref(),
    ),
  ]);

describe('graceful close of a service (SIGTERM)', () => {
  let app: NestFastifyApplication;
  let base: string;
  // a client pool that keeps its connections open, as the gateway's and the services' clients do
  const agent = new Agent({ keepAliveTimeout: 60_000 });

  beforeEach(async () => {
    app = await createHttpApp({
      name: 'catalog',
      module: ShutdownTestModule,
      config: { SERVED_BY_HEADER: false } as HttpServiceConfig,
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => agent.destroy());

  it('finishes a request in flight on a keep-alive connection, then closes it and the server', async () => {
    const inFlight = request(`${base}/slow`, { dispatcher: agent });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const response = await inFlight;
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ ok: true });
    // the answer ends its connection, so nothing holds the server open
    expect(response.headers['connection']).toBe('close');
    await within(closed, PROMPTLY_MS, 'the close');
  });

  it('ends an open event stream when the close begins, and closes', async () => {
    const stream = await request(`${base}/events`, { dispatcher: agent });
    expect(stream.statusCode).toBe(200);
    let text = '';
    const ended = (async () => {
      for await (const chunk of stream.body) text += String(chunk);
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = app.close();
    await within(ended, PROMPTLY_MS, 'the end of the stream');
    expect(text).toContain('event: hello');
    expect(text).toContain(': this replica is shutting down; reconnect');
    await within(closed, PROMPTLY_MS, 'the close');
  });
});
