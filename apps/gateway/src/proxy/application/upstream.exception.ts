import { AppException } from '@shop/platform/errors';
import type { ServiceName } from '@shop/contracts';
import type { ServiceFailure } from '@shop/platform/http';

export enum UpstreamErrorCode {
  Unavailable = 'UPSTREAM_UNAVAILABLE',
  Timeout = 'UPSTREAM_TIMEOUT',
  CircuitOpen = 'UPSTREAM_CIRCUIT_OPEN',
  NoRoute = 'ROUTE_NOT_FOUND',
}

export class UpstreamException extends AppException<UpstreamErrorCode> {
  static from(service: ServiceName, reason: ServiceFailure): UpstreamException {
    switch (reason) {
      case 'UNAVAILABLE':
        return new UpstreamException(UpstreamErrorCode.Unavailable, `${service} is unavailable`);
      case 'TIMEOUT':
        return new UpstreamException(
          UpstreamErrorCode.Timeout,
          `${service} did not answer in time`,
        );
      case 'CIRCUIT_OPEN':
        return new UpstreamException(
          UpstreamErrorCode.CircuitOpen,
          `${service} is failing; not called for a few seconds`,
        );
      default: {
        const unreachable: never = reason;
        return unreachable;
      }
    }
  }

  static noRoute(path: string): UpstreamException {
    return new UpstreamException(UpstreamErrorCode.NoRoute, `no route for ${path}`);
  }

  httpStatus(): number {
    switch (this.code) {
      case UpstreamErrorCode.Unavailable:
      case UpstreamErrorCode.Timeout:
      case UpstreamErrorCode.CircuitOpen:
        return 503;
      case UpstreamErrorCode.NoRoute:
        return 404;
      default: {
        const unreachable: never = this.code;
        return unreachable;
      }
    }
  }
}
