import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorResponse } from '@shop/contracts';
import { AppException } from './app.exception';
import { isTransientError } from './transient-error';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASON[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/** Turns anything thrown at the HTTP edge into the contract's error body (docs/api.md). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorResponse(exception);
    if (body.statusCode === 500) this.logger.error(exception);
    else if (body.statusCode >= 500)
      this.logger.warn(`${body.code}: ${(exception as Error)?.message}`);
    void reply.status(body.statusCode).send(body);
  }
}

export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof AppException) {
    const statusCode = exception.httpStatus();
    return {
      statusCode,
      error: reasonPhrase(statusCode),
      message: exception.message,
      code: exception.code,
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const fromBody =
      typeof response === 'object' && response !== null
        ? (response as Record<string, unknown>)
        : {};
    const raw =
      fromBody['message'] ?? (typeof response === 'string' ? response : exception.message);
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
    const code = typeof fromBody['code'] === 'string' ? fromBody['code'] : undefined;
    return { statusCode, error: reasonPhrase(statusCode), message, ...(code ? { code } : {}) };
  }
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
  const status = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (exception as Error).message ?? reasonPhrase(status);
    return {
      statusCode: status,
      error: reasonPhrase(status),
      message,
      code: fastifyCode(exception),
    };
  }
  // The database (or another dependency) is down: say so, do not blame the request.
  if (isTransientError(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: reasonPhrase(503),
      message: 'a dependency of this service is unavailable; try again shortly',
      code: 'DEPENDENCY_UNAVAILABLE',
    };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: reasonPhrase(500),
    message: 'Internal server error',
  };
}

function fastifyCode(exception: unknown): string | undefined {
  const code = (exception as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}
