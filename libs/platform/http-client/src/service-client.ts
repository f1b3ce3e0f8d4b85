import {
  ConsecutiveBreaker,
  CircuitState,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { Agent, errors, type Dispatcher } from 'undici';
import { ReplicaResolver, type Resolve } from './replica-resolver';

export interface ServiceClientOptions {
  /** e.g. http://catalog:3000 */
  readonly baseUrl: string;
  /** Longest wait for response headers. */
  readonly timeoutMs: number;
  /** Consecutive failures that open the circuit, and how long it stays open. */
  readonly breakerFailures?: number;
  readonly breakerOpenMs?: number;
  readonly refreshMs?: number;
  readonly resolve?: Resolve;
}

export interface ServiceRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: Buffer | string;
  /** Longest wait for the response headers (the body, e.g. a stream, may take longer). */
  readonly timeoutMs?: number;
  /** The caller's own cancellation (e.g. its client went away): never counted as a failure. */
  readonly signal?: AbortSignal;
}

export type ServiceResponse = Pick<Dispatcher.ResponseData, 'statusCode' | 'headers' | 'body'>;

export type ServiceFailure = 'UNAVAILABLE' | 'TIMEOUT' | 'CIRCUIT_OPEN';

/** Thrown when the service could not answer: no replica reachable, too slow, or circuit open. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly service: string,
    readonly reason: ServiceFailure,
    cause?: unknown,
  ) {
    super(
      `${service} ${reason === 'TIMEOUT' ? 'did not answer in time' : reason === 'CIRCUIT_OPEN' ? 'is failing: circuit open' : 'is unavailable'}`,
      { cause },
    );
    this.name = 'ServiceUnavailableError';
  }
}

/**
 * The request itself could not be sent as given (a header or value the HTTP client refuses):
 * the caller's fault, so it never counts against the service's circuit.
 */
export class InvalidServiceRequestError extends Error {
  constructor(
    readonly service: string,
    cause: unknown,
  ) {
    super(`request to ${service} refused before sending: ${(cause as Error).message}`, { cause });
    this.name = 'InvalidServiceRequestError';
  }
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * REST to one service, the way every caller in the system does it (gateway → services,
 * cart → catalog and orders): round-robin over all replicas, keep-alive connections, a bounded
 * wait, one retry on another replica for idempotent requests that could not connect, and a
 * circuit breaker so a dead service is answered at once instead of waited for.
 */
export class ServiceClient {
  readonly name: string;
  private readonly url: URL;
  private readonly replicas: ReplicaResolver;
  private readonly agent = new Agent({
    connections: 64,
    keepAliveTimeout: 10_000,
    connect: { timeout: 1_000 },
    // HTTP/1.1 only, as before undici 8 turned HTTP/2 on by default (negotiated over TLS): 64
    // connections per replica, one request each, whatever the upstream's scheme.
    allowH2: false,
  });
  readonly breaker: CircuitBreakerPolicy;
  private readonly origins = new Map<string, string>();

  constructor(
    name: string,
    private readonly options: ServiceClientOptions,
  ) {
    this.name = name;
    this.url = new URL(options.baseUrl);
    this.replicas = new ReplicaResolver(
      this.url.hostname,
      options.refreshMs ?? 1_000,
      options.resolve,
    );
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof ServiceUnavailableError),
      {
        halfOpenAfter: options.breakerOpenMs ?? 5_000,
        breaker: new ConsecutiveBreaker(options.breakerFailures ?? 5),
      },
    );
  }

  get circuit(): CircuitState {
    return this.breaker.state;
  }

  async send(req: ServiceRequest): Promise<ServiceResponse> {
    try {
      return await this.breaker.execute(() =>
        this.attempt(req, IDEMPOTENT.has(req.method.toUpperCase()) ? 2 : 1),
      );
    } catch (error) {
      if (isBrokenCircuitError(error))
        throw new ServiceUnavailableError(this.name, 'CIRCUIT_OPEN', error);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async attempt(req: ServiceRequest, tries: number): Promise<ServiceResponse> {
    const timeout = req.timeoutMs ?? this.options.timeoutMs;
    const path = this.checkedPath(req.path);
    for (let attempt = 1; ; attempt++) {
      let address: string | undefined;
      // One signal per attempt: aborted by the wait meant for the headers (armed until they
      // arrive, then cleared, so a long body such as an SSE stream is not cut) or by the caller
      // (its client went away), which also cancels a body still streaming. A listener on the
      // caller's signal costs less than `AbortSignal.any` on every request.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new TimeoutError(timeout)), timeout + 250);
      const callerSignal = req.signal;
      if (callerSignal?.aborted) abort.abort(callerSignal.reason);
      else
        callerSignal?.addEventListener('abort', () => abort.abort(callerSignal.reason), {
          once: true,
        });
      try {
        address = await this.replicas.pick();
        return await this.agent.request({
          origin: this.originOf(address),
          path,
          method: req.method as Dispatcher.HttpMethod,
          headers: { ...req.headers, host: this.url.host },
          body: req.body,
          headersTimeout: timeout,
          bodyTimeout: 0,
          signal: abort.signal,
        });
      } catch (error) {
        if (callerSignal?.aborted) throw error;
        if (isRefusedByClient(error)) throw new InvalidServiceRequestError(this.name, error);
        const code = (error as { code?: string }).code ?? '';
        const couldNotConnect = CONNECT_ERRORS.has(code) || code === 'ECONNRESET';
        if (address && couldNotConnect) this.replicas.forget(address);
        if (couldNotConnect && attempt < tries) continue;
        const timedOut =
          error instanceof errors.HeadersTimeoutError ||
          error instanceof TimeoutError ||
          (error as Error).name === 'TimeoutError';
        throw new ServiceUnavailableError(this.name, timedOut ? 'TIMEOUT' : 'UNAVAILABLE', error);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** A path is always sent to this service's origin, whatever it holds: never `//host/...`. */
  private checkedPath(path: string): string {
    if (!path.startsWith('/') || path.startsWith('//'))
      throw new InvalidServiceRequestError(this.name, new Error(`not an absolute path: ${path}`));
    return path;
  }

  /** The replica's origin (scheme, address, the service's port), built once per address. */
  private originOf(address: string): string {
    let origin = this.origins.get(address);
    if (origin === undefined) {
      const target = new URL(this.url.origin);
      target.hostname = address;
      origin = target.origin;
      if (this.origins.size > 1_000) this.origins.clear(); // replicas come and go
      this.origins.set(address, origin);
    }
    return origin;
  }
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no response headers within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Errors undici raises before anything is sent: the request was malformed, not the service. */
function isRefusedByClient(error: unknown): boolean {
  return (
    error instanceof errors.InvalidArgumentError ||
    error instanceof errors.NotSupportedError ||
    error instanceof InvalidServiceRequestError
  );
}
