import { request as httpRequest } from 'node:http';
import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpServiceConfig } from '@shop/platform/config';
import { createLoggerModule } from '@shop/platform/observability';
import { PinoLogger } from 'nestjs-pino';
import { createHttpApp } from './create-http-app';

/** Every line the app writes (one app per file: nestjs-pino keeps one root logger per process). */
const lines: Record<string, unknown>[] = [];

@Controller()
class LoggingController {
  private readonly logger = new Logger(LoggingController.name);

  constructor(private readonly pino: PinoLogger) {}

  @Get('products/:id')
  product(): { ok: true } {
    this.logger.log('reading the product');
    this.pino.info('through PinoLogger');
    return { ok: true };
  }

  @Post('signups')
  async signup(@Body() body: Record<string, unknown>): Promise<{ ok: true }> {
    await new Promise((resolve) => setImmediate(resolve));
    this.logger.log({ msg: 'signing up', body });
    return { ok: true };
  }

  @Get('fail')
  fail(): never {
    throw new Error('database gone');
  }

  @Get('slow')
  async slow(): Promise<{ ok: true }> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { ok: true };
  }

  @Get('health/live')
  live(): { status: string } {
    this.logger.log('probed');
    return { status: 'ok' };
  }
}

@Module({
  imports: [
    createLoggerModule({
      service: 'catalog',
      level: 'info',
      destination: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    }),
  ],
  controllers: [LoggingController],
})
class LoggingTestModule {}

const linesOf = (id: string) => lines.filter((line) => (line['req'] as { id?: string })?.id === id);
const completionLines = (id: string) => linesOf(id).filter((line) => 'res' in line);

describe('request logging (Fastify hooks, every route)', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createHttpApp({
      name: 'catalog',
      module: LoggingTestModule,
      config: { SERVED_BY_HEADER: false } as HttpServiceConfig,
    });
    // A route of its own scope, with its own hooks, as the gateway's proxy registers them.
    await app
      .getHttpAdapter()
      .getInstance()
      .register(async (scope) => {
        scope.addHook('onRequest', async () => undefined);
        scope.get('/api/:service/*', async () => ({ proxied: true }));
      });
    await app.listen(0, '127.0.0.1');
    port = Number(new URL(await app.getUrl()).port);
  });
  afterAll(() => app.close());
  beforeEach(() => lines.splice(0));

  const inject = (method: 'GET' | 'POST', url: string, id: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: {
        'x-request-id': id,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });

  it('writes one completion line per request, after the lines written during it', async () => {
    await inject('GET', '/products/p-1?fields=name', 'req-get');

    const req = { id: 'req-get', method: 'GET', url: '/products/p-1?fields=name' };
    expect(linesOf('req-get')).toEqual([
      expect.objectContaining({ req, context: 'LoggingController', msg: 'reading the product' }),
      expect.objectContaining({ req, msg: 'through PinoLogger' }),
      {
        level: 'info',
        time: expect.any(String),
        service: 'catalog',
        req,
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        msg: 'request completed',
      },
    ]);
    // No request id under another key: `req.id` is the request's id on every line.
    expect(lines.filter((line) => 'request_id' in line || 'reqId' in line)).toEqual([]);
  });

  it('keeps the request on lines written after the body is read, and redacts secrets', async () => {
    await inject('POST', '/signups', 'req-post', { email: 'a@b.c', password: 'hunter2' });

    expect(linesOf('req-post').map((line) => line['msg'])).toEqual([
      'signing up',
      'request completed',
    ]);
    expect(linesOf('req-post')[0]).toMatchObject({
      body: { email: 'a@b.c', password: '[redacted]' },
    });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('writes a failed request as "request errored", as pino-http did', async () => {
    await inject('GET', '/fail', 'req-fail');

    expect(completionLines('req-fail')).toEqual([
      expect.objectContaining({
        res: { statusCode: 500 },
        err: expect.objectContaining({ message: 'failed with status code 500' }),
        msg: 'request errored',
      }),
    ]);
    expect(linesOf('req-fail')[0]).toMatchObject({ level: 'error', context: 'HttpErrorFilter' });
  });

  it('logs unknown paths and routes registered on Fastify directly, once each', async () => {
    await inject('GET', '/nowhere', 'req-404');
    await inject('GET', '/api/catalog/products', 'req-proxied');

    expect(completionLines('req-404')).toEqual([
      expect.objectContaining({ res: { statusCode: 404 }, msg: 'request completed' }),
    ]);
    expect(completionLines('req-proxied')).toEqual([
      expect.objectContaining({ res: { statusCode: 200 }, msg: 'request completed' }),
    ]);
  });

  it('writes no completion line for health probes (their own lines still carry the request)', async () => {
    await inject('GET', '/health/live', 'req-health');

    expect(linesOf('req-health')).toEqual([expect.objectContaining({ msg: 'probed' })]);
  });

  it('writes "request aborted" when the client leaves before the response', async () => {
    const aborted = new Promise<void>((resolve) => {
      const req = httpRequest({ port, path: '/slow', headers: { 'x-request-id': 'req-gone' } });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 50);
    });
    await aborted;
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect(linesOf('req-gone')).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        service: 'catalog',
        req: { id: 'req-gone', method: 'GET', url: '/slow' },
        msg: 'request aborted',
      },
    ]);
  });

  it('puts no request on lines written outside one', () => {
    new Logger('Kafka').log('rebalancing');

    expect(lines).toEqual([expect.objectContaining({ context: 'Kafka', msg: 'rebalancing' })]);
    expect(lines[0]).not.toHaveProperty('req');
  });
});
