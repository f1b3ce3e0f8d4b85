/**
 * Server-Sent Events read from a fetch response body (EventSource cannot send an
 * Authorization header). The parser follows the HTML spec's event stream format: lines end in
 * LF, CR or CRLF; `event`, `data` (joined by LF), `id`; comments start with `:`; a blank line
 * dispatches.
 */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

export interface SseParser {
  /** Feeds decoded text (any chunking); complete events go to the callback. */
  push(text: string): void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let pendingCr = false;

  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), id });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };

  return {
    push(text: string): void {
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i];
        if (char === '\n' && pendingCr) {
          // The LF of a CRLF whose CR ended the previous line.
          pendingCr = false;
          start = i + 1;
          continue;
        }
        pendingCr = false;
        if (char === '\n' || char === '\r') {
          line(buffer.slice(start, i));
          start = i + 1;
          if (char === '\r') pendingCr = true;
        }
      }
      buffer = buffer.slice(start);
    },
  };
}

/**
 * Reads a response body as SSE until it ends or `signal` aborts; resolves when the stream ends.
 * Rejects with the reader's error (a dropped connection) so the caller can reconnect.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser(onEvent);
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
