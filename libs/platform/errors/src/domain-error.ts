import {
  Catch,
  HttpException,
  type ArgumentsHost,
  type ExceptionFilter,
  type HttpStatus,
  type Type,
} from '@nestjs/common';
import { HttpErrorFilter } from './http-error.filter';

/**
 * A domain error: a code and a message, no transport in it (docs/style.md §3). Each feature has
 * one such class, with factories for its cases; its API maps each code to an HTTP status with
 * `domainErrorFilter`.
 */
export abstract class DomainError<TCode extends string = string> extends Error {
  protected constructor(
    readonly code: TCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The exception filter that answers a feature's domain errors at its REST edge: the contract's
 * error body (`{statusCode, code, message}`, docs/api.md "Errors", as HttpErrorFilter renders it)
 * with the status the table gives the error's code. Apply with `@UseFilters` on its controllers.
 */
export function domainErrorFilter<TCode extends string, TError extends DomainError<TCode>>(
  // (the class itself: its constructor is protected, so it is not a constructor type here)
  errorClass: { readonly prototype: TError; readonly name: string },
  statusByCode: Readonly<Record<TCode, HttpStatus>>,
): Type<ExceptionFilter> {
  @Catch(errorClass as unknown as Type<TError>)
  class DomainErrorFilter extends HttpErrorFilter {
    override catch(error: TError, host: ArgumentsHost): void {
      const status = statusByCode[error.code];
      super.catch(new HttpException({ message: error.message, code: error.code }, status), host);
    }
  }
  Object.defineProperty(DomainErrorFilter, 'name', { value: `${errorClass.name}Filter` });
  return DomainErrorFilter;
}
