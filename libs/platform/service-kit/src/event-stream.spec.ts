import { sseComment, sseEvent } from './event-stream';

describe('Server-Sent Events lines', () => {
  it('writes an event with its name, optional id and one-line JSON data, ended by a blank line', () => {
    expect(sseEvent('status', { id: 'o1', note: 'two\nlines' }, '2026-12-02T10:00:00.000Z')).toBe(
      'event: status\nid: 2026-12-02T10:00:00.000Z\ndata: {"id":"o1","note":"two\\nlines"}\n\n',
    );
    expect(sseEvent('snapshot', [1])).toBe('event: snapshot\ndata: [1]\n\n');
  });

  it('writes a comment line a client ignores', () => {
    expect(sseComment('keep-alive')).toBe(': keep-alive\n\n');
  });
});
