import { ROOT_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { pino } from 'pino';
import {
  isLoggedRequest,
  jsonLoggerOptions,
  logRequestAborted,
  logRequestCompleted,
} from './logger.module';
import { runInRequestContext } from './request-context';

/** The service's logger, writing its lines to an array instead of standard output. */
function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(jsonLoggerOptions({ service: 'catalog', level: 'info' }), {
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

const REQUEST = { id: 'req-1', method: 'GET', url: '/products/p-1?fields=name' };
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

/** Runs `fn` with an active span, as the server span of a request would be. */
function inSpan<T>(fn: () => T): T {
  const span = trace.wrapSpanContext({
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    traceFlags: TraceFlags.NONE,
  });
  return context.with(trace.setSpan(ROOT_CONTEXT, span), fn);
}

describe('request log lines (one line per request, written by a hook, not pino-http)', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  afterAll(() => context.disable());

  it("writes the completion line in pino-http's shape and key order, trace ids included", () => {
    const { logger, lines } = captureLogger();
    inSpan(() => logRequestCompleted(logger, { ...REQUEST, extra: 'x' } as never, 200, 3.4));

    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0])).toEqual([
      'level',
      'time',
      'service',
      'req',
      'trace_id',
      'span_id',
      'res',
      'responseTime',
      'msg',
    ]);
    expect(lines[0]).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'catalog',
      req: REQUEST,
      trace_id: TRACE_ID,
      span_id: SPAN_ID,
      res: { statusCode: 200 },
      responseTime: 3,
      msg: 'request completed',
    });
  });

  it('writes a 5xx as "request errored" with an err naming the status, as pino-http did', () => {
    const { logger, lines } = captureLogger();
    logRequestCompleted(logger, REQUEST, 503, 12);

    expect(Object.keys(lines[0])).toEqual([
      'level',
      'time',
      'service',
      'req',
      'res',
      'err',
      'responseTime',
      'msg',
    ]);
    expect(lines[0]).toMatchObject({
      level: 'info',
      req: REQUEST,
      res: { statusCode: 503 },
      err: { type: 'Error', message: 'failed with status code 503', stack: expect.any(String) },
      responseTime: 12,
      msg: 'request errored',
    });
  });

  it('writes an abandoned request as "request aborted", without a status or a time', () => {
    const { logger, lines } = captureLogger();
    logRequestAborted(logger, REQUEST);

    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        service: 'catalog',
        req: REQUEST,
        msg: 'request aborted',
      },
    ]);
  });

  it('puts the request on every line written while handling it, and only then', async () => {
    const { logger, lines } = captureLogger();
    logger.info('before');
    await runInRequestContext(REQUEST, async () => {
      logger.info({ context: 'ProductsController' }, 'reading');
      await new Promise((resolve) => setImmediate(resolve));
      inSpan(() => logger.warn('slow query'));
    });
    logger.info('after');

    expect(lines.map((line) => [line['msg'], line['req']])).toEqual([
      ['before', undefined],
      ['reading', REQUEST],
      ['slow query', REQUEST],
      ['after', undefined],
    ]);
    expect(Object.keys(lines[1])).toEqual(['level', 'time', 'service', 'req', 'context', 'msg']);
    expect(lines[2]).toMatchObject({ level: 'warn', trace_id: TRACE_ID, span_id: SPAN_ID });
  });

  it('keeps redacting secrets, on request lines and the rest alike', () => {
    const { logger, lines } = captureLogger();
    const secrets = { password: 'hunter2', cardNumber: '4242424242424242', cvc: '123' };
    runInRequestContext(REQUEST, () => logger.info({ body: secrets }, 'signing up'));
    logger.info({ config: { DB_PASSWORD: 'pw' }, user: { accessToken: 't' } }, 'starting');
    logger.info({ req: { headers: { authorization: 'Bearer t', cookie: 'c=1' } } }, 'raw');

    expect(lines[0]).toMatchObject({
      req: REQUEST,
      body: { password: '[redacted]', cardNumber: '[redacted]', cvc: '[redacted]' },
    });
    expect(lines[1]).toMatchObject({
      config: { DB_PASSWORD: '[redacted]' },
      user: { accessToken: '[redacted]' },
    });
    expect(lines[2]).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
    });
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|4242|Bearer|DB_PASSWORD":"pw/);
  });

  it('leaves health probes without a completion line', () => {
    expect(isLoggedRequest('/health/live')).toBe(false);
    expect(isLoggedRequest('/health/ready?verbose=1')).toBe(false);
    expect(isLoggedRequest('/products/p-1')).toBe(true);
    expect(isLoggedRequest('/api/catalog/health/live')).toBe(true);
  });
});
