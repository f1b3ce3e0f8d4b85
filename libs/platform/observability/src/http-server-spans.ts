import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  ValueType,
  context,
  metrics,
  propagation,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
  METRIC_HTTP_SERVER_REQUEST_DURATION,
} from '@opentelemetry/semantic-conventions';

/** Requests that get no span and no duration: probes and scrapes, many a minute, no user. */
const UNTRACED = /^\/(health|metrics)(\/|\?|$)/;

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

interface ServerSpan {
  readonly span: Span;
  route?: string;
}

const SERVER_SPAN = Symbol('shop.serverSpan');
type TracedRequest = IncomingMessage & { [SERVER_SPAN]?: ServerSpan };

/**
 * The server span of each incoming HTTP request (stable semantic conventions: method, path,
 * route, status; `http.server.request.duration` in seconds), made at the server's request
 * listener. It replaces the incoming side of `@opentelemetry/instrumentation-http`, which cost
 * about a quarter of each service's CPU per request, mostly to patch every request's and
 * response's emitters so each listener runs in the request's context (BENCHMARKS.md, issue 12).
 * Here the whole request runs inside the span's context (`context.with`), which async work
 * inherits anyway; only a request with a body gets its emitter bound, so that the body parser's
 * `data`/`end` listeners, and the handler after them, run in the request's context too.
 */
export function tracedRequestListener(listener: RequestListener): RequestListener {
  const tracer = trace.getTracer('shop-http-server');
  const duration = metrics
    .getMeter('shop-http-server')
    .createHistogram(METRIC_HTTP_SERVER_REQUEST_DURATION, {
      description: 'Duration of HTTP server requests.',
      unit: 's',
      valueType: ValueType.DOUBLE,
      advice: {
        explicitBucketBoundaries: [
          0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
        ],
      },
    });
  return (req, res) => {
    const url = req.url ?? '/';
    if (UNTRACED.test(url)) return listener(req, res);
    const started = performance.now();
    const method = KNOWN_METHODS.has(req.method ?? '') ? (req.method as string) : '_OTHER';
    const queryAt = url.indexOf('?');
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: method,
          [ATTR_URL_SCHEME]: 'http',
          [ATTR_URL_PATH]: queryAt === -1 ? url : url.slice(0, queryAt),
          ...(req.headers['user-agent']
            ? { [ATTR_USER_AGENT_ORIGINAL]: req.headers['user-agent'] }
            : {}),
        },
      },
      parent,
    );
    const state: ServerSpan = { span };
    (req as TracedRequest)[SERVER_SPAN] = state;
    const active = trace.setSpan(parent, span);
    res.once('close', () => {
      const status = res.statusCode;
      const attributes: Attributes = {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        [ATTR_URL_SCHEME]: 'http',
        [ATTR_HTTP_RESPONSE_STATUS_CODE]: status,
        ...(state.route ? { [ATTR_HTTP_ROUTE]: state.route } : {}),
      };
      if (span.isRecording()) {
        span.setAttributes(attributes);
        if (state.route) span.updateName(`${method} ${state.route}`);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        if (!res.writableFinished) span.setAttribute('error.type', 'aborted');
      }
      span.end();
      duration.record((performance.now() - started) / 1000, attributes);
    });
    const hasBody =
      req.headers['transfer-encoding'] !== undefined ||
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
    if (hasBody) context.bind(active, req);
    context.with(active, () => listener(req, res));
  };
}

/** The route template that served a request (`/products/:id`), for its span and duration. */
export function setServerSpanRoute(req: IncomingMessage, route: string | undefined): void {
  const state = (req as TracedRequest)[SERVER_SPAN];
  if (state && route) state.route = route;
}

/** A Fastify `serverFactory` whose requests get server spans (`tracedRequestListener`). */
export function tracedServerFactory(handler: RequestListener): Server {
  return createServer(tracedRequestListener(handler));
}
