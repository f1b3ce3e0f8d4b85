import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AppException } from './app.exception';
import { toErrorResponse } from './http-error.filter';

class SampleException extends AppException<'SAMPLE_TAKEN'> {
  constructor() {
    super('SAMPLE_TAKEN', 'sample already taken');
  }
  httpStatus(): number {
    return 409;
  }
}

describe('toErrorResponse', () => {
  it('maps a module exception to its status and code', () => {
    expect(toErrorResponse(new SampleException())).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'sample already taken',
      code: 'SAMPLE_TAKEN',
    });
  });

  it('joins validation messages into one string and keeps the code', () => {
    const body = toErrorResponse(
      new BadRequestException({
        message: ['limit must be an integer', 'q is too long'],
        code: 'VALIDATION_FAILED',
      }),
    );
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'limit must be an integer; q is too long',
      code: 'VALIDATION_FAILED',
    });
  });

  it('keeps Nest HTTP exceptions status', () => {
    expect(toErrorResponse(new NotFoundException('nope'))).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      message: 'nope',
    });
  });

  it('passes through client errors raised by Fastify (bad JSON, too large)', () => {
    const fastifyError = Object.assign(new Error('Body is not valid JSON'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });
    expect(toErrorResponse(fastifyError)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Body is not valid JSON',
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });
  });

  it('answers 503 when a dependency such as the database is down', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(toErrorResponse(down)).toMatchObject({
      statusCode: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
    });
  });

  it('hides the details of unexpected errors', () => {
    expect(toErrorResponse(new Error('password=hunter2 leaked'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  });
});
