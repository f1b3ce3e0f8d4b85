import { HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { CATCH_WATERMARK, FILTER_CATCH_EXCEPTIONS } from '@nestjs/common/constants';
import { DomainError, domainErrorFilter } from './domain-error';

enum ThingCode {
  Missing = 'THING_NOT_FOUND',
  Taken = 'THING_TAKEN',
}
class ThingException extends DomainError<ThingCode> {
  static missing(id: string) {
    return new ThingException(ThingCode.Missing, `thing ${id} not found`);
  }
}
const ThingErrorsFilter = domainErrorFilter(ThingException, {
  [ThingCode.Missing]: HttpStatus.NOT_FOUND,
  [ThingCode.Taken]: HttpStatus.CONFLICT,
});

describe('DomainError and domainErrorFilter', () => {
  it('a domain error carries its code and its class name, and no HTTP status', () => {
    const error = ThingException.missing('t-1');
    expect(error).toBeInstanceOf(Error);
    expect({ name: error.name, code: error.code, message: error.message }).toEqual({
      name: 'ThingException',
      code: 'THING_NOT_FOUND',
      message: 'thing t-1 not found',
    });
    expect(Object.keys(error)).not.toContain('status');
  });

  it("the filter catches that class only, and answers with the table's status and the contract body", () => {
    expect(ThingErrorsFilter.name).toBe('ThingExceptionFilter');
    expect(Reflect.getMetadata(CATCH_WATERMARK, ThingErrorsFilter)).toBe(true);
    expect(Reflect.getMetadata(FILTER_CATCH_EXCEPTIONS, ThingErrorsFilter)).toEqual([
      ThingException,
    ]);
    const sent: { status?: number; body?: unknown } = {};
    const reply = {
      status: (code: number) => ((sent.status = code), reply),
      send: (body: unknown) => ((sent.body = body), reply),
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
    new ThingErrorsFilter().catch(ThingException.missing('t-2'), host);
    expect(sent).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'thing t-2 not found',
        code: 'THING_NOT_FOUND',
      },
    });
  });
});
