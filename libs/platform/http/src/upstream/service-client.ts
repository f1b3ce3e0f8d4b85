import {
  ConsecutiveBreaker,
  CircuitState,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { Agent, errors, request, type Dispatcher } from 'undici';
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
  readonly timeoutMs?: number;
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
  });
  readonly breaker: CircuitBreakerPolicy;

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
    for (let attempt = 1; ; attempt++) {
      let address: string | undefined;
      try {
        address = await this.replicas.pick();
        const target = new URL(req.path, this.url);
        target.hostname = address;
        return await request(target, {
          dispatcher: this.agent,
          method: req.method as Dispatcher.HttpMethod,
          headers: { ...req.headers, host: this.url.host },
          body: req.body,
          headersTimeout: timeout,
          bodyTimeout: 0,
          signal: AbortSignal.timeout(timeout + 250),
        });
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        const couldNotConnect = CONNECT_ERRORS.has(code) || code === 'ECONNRESET';
        if (address && couldNotConnect) this.replicas.forget(address);
        if (couldNotConnect && attempt < tries) continue;
        const timedOut =
          error instanceof errors.HeadersTimeoutError || (error as Error).name === 'TimeoutError';
        throw new ServiceUnavailableError(this.name, timedOut ? 'TIMEOUT' : 'UNAVAILABLE', error);
      }
    }
  }
}
