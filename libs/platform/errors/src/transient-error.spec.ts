import { isTransientError } from './transient-error';

describe('isTransientError', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    ],
    [Object.assign(new Error('could not serialize access'), { code: '40001' })],
    [Object.assign(new Error('wrapped'), { driverError: { code: '08006' } })],
    [new Error('Connection terminated unexpectedly')],
    [Object.assign(new Error('broker gone'), { name: 'KafkaJSConnectionError' })],
  ])('treats %p as transient', (error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    [new TypeError("Cannot read properties of undefined (reading 'x')")],
    [Object.assign(new Error('duplicate key value'), { code: '23505' })],
    [Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })],
    ['a string'],
    [undefined],
  ])('treats %p as a failure of the message itself', (error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
