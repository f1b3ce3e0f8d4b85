import { createSseParser, readSse, type SseEvent } from './sse';

const parse = (...chunks: string[]): SseEvent[] => {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  chunks.forEach((chunk) => parser.push(chunk));
  return events;
};

const streamOf = (...chunks: string[]): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      chunks.forEach((chunk) => controller.enqueue(encoder.encode(chunk)));
      controller.close();
    },
  });
};

describe('SSE parsing', () => {
  it('reads named events with ids and JSON data', () => {
    expect(parse('event: status\nid: 1\ndata: {"a":1}\n\n')).toEqual([
      { event: 'status', id: '1', data: '{"a":1}' },
    ]);
  });

  it('dispatches only on a blank line, whatever the chunking', () => {
    const text = 'event: status\ndata: {"status":"PENDING"}\n\nevent: status\ndata: {"x":2}\n\n';
    const byChar = parse(...text.split(''));
    expect(byChar.map((e) => e.data)).toEqual(['{"status":"PENDING"}', '{"x":2}']);
    expect(parse('data: half')).toEqual([]);
  });

  it('ignores comments (keep-alives) and joins multi-line data', () => {
    expect(parse(': keep-alive\n\ndata: a\ndata: b\n\n')).toEqual([
      { event: 'message', data: 'a\nb', id: undefined },
    ]);
  });

  it('accepts CRLF and CR line ends, even split between chunks', () => {
    expect(parse('data: x\r', '\n\r', '\ndata: y\r\r')).toEqual([
      { event: 'message', data: 'x', id: undefined },
      { event: 'message', data: 'y', id: undefined },
    ]);
  });

  it('reads a fetch body stream, multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: café\n\n');
    const events: SseEvent[] = [];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    await readSse(body, (event) => events.push(event));
    expect(events.map((e) => e.data)).toEqual(['café']);
  });

  it('stops reading when aborted', async () => {
    const controller = new AbortController();
    const events: SseEvent[] = [];
    let pull: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        pull = c;
        c.enqueue(new TextEncoder().encode('data: 1\n\n'));
      },
    });
    const reading = readSse(body, (event) => events.push(event), controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await reading;
    expect(events).toHaveLength(1);
    expect(pull).toBeDefined();
  });

  it('ends with the stream', async () => {
    const events: SseEvent[] = [];
    await readSse(streamOf('event: status\ndata: 1\n\n'), (event) => events.push(event));
    expect(events).toHaveLength(1);
  });
});
