import { AppException } from '@shop/platform/errors';
import type { ServiceName } from '@shop/contracts';

export enum UpstreamErrorCode {
  Unavailable = 'UPSTREAM_UNAVAILABLE',
  Timeout = 'UPSTREAM_TIMEOUT',
  NoRoute = 'ROUTE_NOT_FOUND',
}

export class UpstreamException extends AppException<UpstreamErrorCode> {
  static unavailable(service: ServiceName): UpstreamException {
    return new UpstreamException(UpstreamErrorCode.Unavailable, `${service} is unavailable`);
  }

  static timeout(service: ServiceName): UpstreamException {
    return new UpstreamException(UpstreamErrorCode.Timeout, `${service} did not answer in time`);
  }

  static noRoute(path: string): UpstreamException {
    return new UpstreamException(UpstreamErrorCode.NoRoute, `no route for ${path}`);
  }

  httpStatus(): number {
    switch (this.code) {
      case UpstreamErrorCode.Unavailable:
      case UpstreamErrorCode.Timeout:
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
