import { forwardableHeaders } from './forwardable-headers';

describe('forwardableHeaders', () => {
  it('drops hop-by-hop headers and those named by Connection', () => {
    expect(
      forwardableHeaders({
        host: 'gateway',
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': '1',
        'transfer-encoding': 'chunked',
        'content-length': '10',
        authorization: 'Bearer t',
        'content-type': 'application/json',
        traceparent: '00-abc-def-01',
        'x-undefined': undefined,
        expect: '100-continue',
      }),
    ).toEqual({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      traceparent: '00-abc-def-01',
    });
  });
});
