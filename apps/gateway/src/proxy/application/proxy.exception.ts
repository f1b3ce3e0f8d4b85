import { AppException } from '@shop/platform/errors';
import type { ServiceName } from '@shop/contracts';
import type { ServiceFailure } from '@shop/platform/http-client';

export enum ProxyErrorCode {
  Unavailable = 'UPSTREAM_UNAVAILABLE',
  Timeout = 'UPSTREAM_TIMEOUT',
  CircuitOpen = 'UPSTREAM_CIRCUIT_OPEN',
  NoRoute = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  AmbiguousPath = 'AMBIGUOUS_PATH',
  InvalidRequest = 'INVALID_REQUEST',
  TooManyFailedLogins = 'TOO_MANY_FAILED_LOGINS',
  TooManyAuthAttempts = 'TOO_MANY_AUTH_ATTEMPTS',
  TooManyOrders = 'TOO_MANY_ORDERS',
}

/** Everything the gateway's proxy answers itself, with the status and headers it means. */
export class ProxyException extends AppException<ProxyErrorCode> {
  private constructor(
    code: ProxyErrorCode,
    message: string,
    /** Headers the answer carries (`Retry-After` for 429, `Allow` for 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, message);
  }

  static from(service: ServiceName | 'storefront', reason: ServiceFailure): ProxyException {
    switch (reason) {
      case 'UNAVAILABLE':
        return new ProxyException(ProxyErrorCode.Unavailable, `${service} is unavailable`);
      case 'TIMEOUT':
        return new ProxyException(ProxyErrorCode.Timeout, `${service} did not answer in time`);
      case 'CIRCUIT_OPEN':
        return new ProxyException(
          ProxyErrorCode.CircuitOpen,
          `${service} is failing; not called for a few seconds`,
        );
      default: {
        const unreachable: never = reason;
        return unreachable;
      }
    }
  }

  static noRoute(path: string): ProxyException {
    return new ProxyException(ProxyErrorCode.NoRoute, `no route for ${path}`);
  }

  static methodNotAllowed(method: string, path: string, allow: readonly string[]): ProxyException {
    return new ProxyException(
      ProxyErrorCode.MethodNotAllowed,
      `${method} is not allowed on ${path}; allowed: ${allow.join(', ')}`,
      { allow: allow.join(', ') },
    );
  }

  static ambiguousPath(reason: string): ProxyException {
    return new ProxyException(ProxyErrorCode.AmbiguousPath, reason);
  }

  static invalidRequest(message: string): ProxyException {
    return new ProxyException(ProxyErrorCode.InvalidRequest, message);
  }

  static tooMany(
    code:
      | ProxyErrorCode.TooManyFailedLogins
      | ProxyErrorCode.TooManyAuthAttempts
      | ProxyErrorCode.TooManyOrders,
    message: string,
    retryAfterSeconds: number,
  ): ProxyException {
    return new ProxyException(code, `${message}; retry in ${retryAfterSeconds} s`, {
      'retry-after': String(retryAfterSeconds),
    });
  }

  httpStatus(): number {
    switch (this.code) {
      case ProxyErrorCode.Unavailable:
      case ProxyErrorCode.Timeout:
      case ProxyErrorCode.CircuitOpen:
        return 503;
      case ProxyErrorCode.NoRoute:
        return 404;
      case ProxyErrorCode.MethodNotAllowed:
        return 405;
      case ProxyErrorCode.AmbiguousPath:
      case ProxyErrorCode.InvalidRequest:
        return 400;
      case ProxyErrorCode.TooManyFailedLogins:
      case ProxyErrorCode.TooManyAuthAttempts:
      case ProxyErrorCode.TooManyOrders:
        return 429;
      default: {
        const unreachable: never = this.code;
        return unreachable;
      }
    }
  }
}
