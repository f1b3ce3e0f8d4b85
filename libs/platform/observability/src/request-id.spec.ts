import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id';

const req = (id?: string) =>
  ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;

describe('requestIdOf', () => {
  it('keeps a sane caller id and writes it back on the request', () => {
    const request = req('abc-123');
    expect(requestIdOf(request)).toBe('abc-123');
    expect(request.headers['x-request-id']).toBe('abc-123');
  });

  it('replaces a missing, oversized or unsafe id with a UUID', () => {
    for (const given of [undefined, '', 'x'.repeat(129), 'a b', 'line\nbreak']) {
      const request = req(given);
      const id = requestIdOf(request);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(request.headers['x-request-id']).toBe(id);
    }
  });
});
