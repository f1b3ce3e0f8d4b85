import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { setServerSpanRoute, tracedRequestListener } from './http-server-spans';

const exporter = new InMemorySpanExporter();
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';

/** A server whose handler reports the trace id it runs in, after reading any body. */
function startServer(): Promise<Server> {
  const server = createServer(
    tracedRequestListener((req, res) => {
      setServerSpanRoute(req, req.url?.startsWith('/products/') ? '/products/:id' : undefined);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        // After the body: the handler still runs in the request's span (the emitter is bound).
        setImmediate(() => {
          res.statusCode = req.url === '/fail' ? 503 : 200;
          res.end(
            JSON.stringify({
              traceId: trace.getActiveSpan()?.spanContext().traceId ?? null,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        });
      });
    }),
  );
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('tracedRequestListener: a server span per request, without instrumentation-http', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const manager = new AsyncLocalStorageContextManager();
    context.setGlobalContextManager(manager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(
      new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }),
    );
    server = await startServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
    trace.disable();
    propagation.disable();
    context.disable();
  });

  beforeEach(() => exporter.reset());

  const finishedSpans = async (count: number) => {
    for (let i = 0; i < 100 && exporter.getFinishedSpans().length < count; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return exporter.getFinishedSpans();
  };

  it("continues the caller's trace: a SERVER span named by route, with method, path and status", async () => {
    const answer = await fetch(`${base}/products/abc?x=1`, {
      headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
    });
    expect(await answer.json()).toEqual({ traceId: TRACE_ID, body: '' });
    const [span] = await finishedSpans(1);
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.name).toBe('GET /products/:id');
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.path': '/products/abc',
      'http.route': '/products/:id',
      'http.response.status_code': 200,
    });
  });

  it('keeps the context through a request body, and marks a 5xx as an error', async () => {
    const answer = await fetch(`${base}/fail`, {
      method: 'POST',
      headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
      body: 'x'.repeat(100_000),
    });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ traceId: TRACE_ID, body: 'x'.repeat(100_000) });
    const [span] = await finishedSpans(1);
    expect(span.name).toBe('POST');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('starts a new trace without a caller, and none for health probes or metrics scrapes', async () => {
    const health = await fetch(`${base}/health/ready`);
    expect(await health.json()).toEqual({ traceId: null, body: '' });
    const plain = (await (await fetch(`${base}/products/abc`)).json()) as { traceId: string };
    expect(plain.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(plain.traceId).not.toBe(TRACE_ID);
    const spans = await finishedSpans(1);
    expect(spans.map((s) => s.attributes['url.path'])).toEqual(['/products/abc']);
  });
});
