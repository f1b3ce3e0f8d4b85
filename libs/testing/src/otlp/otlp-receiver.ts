import { appendFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** One received span, flattened from OTLP/JSON. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}

const plain = (value: OtlpValue) =>
  value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
const attributes = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, plain(a.value)]));

/**
 * A real OTLP/HTTP receiver (JSON encoding: `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) for tests.
 * Spans are appended as JSON lines to `file`, so test workers can read what the parent
 * process received.
 */
export async function startOtlpReceiver(
  file: string,
  port = 0,
): Promise<{ port: number; close(): Promise<void> }> {
  writeFileSync(file, '');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        if (req.url?.startsWith('/v1/traces')) {
          let body = Buffer.concat(chunks);
          if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
          const payload = JSON.parse(body.toString('utf8')) as {
            resourceSpans?: {
              resource?: { attributes?: OtlpAttribute[] };
              scopeSpans?: { spans?: Record<string, unknown>[] }[];
            }[];
          };
          const lines: string[] = [];
          for (const resourceSpans of payload.resourceSpans ?? []) {
            const service = String(
              attributes(resourceSpans.resource?.attributes)['service.name'] ?? 'unknown',
            );
            for (const scope of resourceSpans.scopeSpans ?? []) {
              for (const span of scope.spans ?? []) {
                const received: ReceivedSpan = {
                  service,
                  traceId: String(span['traceId']),
                  spanId: String(span['spanId']),
                  parentSpanId: String(span['parentSpanId'] ?? ''),
                  name: String(span['name']),
                  kind: Number(span['kind']),
                  attributes: attributes(span['attributes'] as OtlpAttribute[]),
                };
                lines.push(JSON.stringify(received));
              }
            }
          }
          if (lines.length > 0) appendFileSync(file, `${lines.join('\n')}\n`);
        }
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      } catch (error) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
