import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EventEnvelope } from '@shop/contracts';
import { isUuid } from '@shop/contracts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks a Kafka message value is an event envelope (docs/architecture.md) without trusting it. */
export function parseEnvelope(value: Buffer | string | null): Parsed<EventEnvelope> {
  if (value === null) return { ok: false, error: 'empty message' };
  let raw: unknown;
  try {
    raw = JSON.parse(value.toString());
  } catch {
    return { ok: false, error: 'value is not JSON' };
  }
  const e = raw as Partial<Record<keyof EventEnvelope, unknown>>;
  const problems = [
    isUuid(e?.eventId) ? null : 'eventId must be a UUID',
    typeof e?.type === 'string' && /^[A-Z][A-Za-z]{1,99}$/.test(e.type)
      ? null
      : 'type must be an event name',
    Number.isInteger(e?.version) && (e.version as number) > 0
      ? null
      : 'version must be a positive integer',
    typeof e?.occurredAt === 'string' && !Number.isNaN(Date.parse(e.occurredAt))
      ? null
      : 'occurredAt must be a timestamp',
    typeof e?.producer === 'string' && e.producer.length > 0 ? null : 'producer must be set',
    typeof e?.correlationId === 'string' && e.correlationId.length > 0
      ? null
      : 'correlationId must be set',
    typeof e?.payload === 'object' && e.payload !== null && !Array.isArray(e.payload)
      ? null
      : 'payload must be an object',
  ].filter(Boolean);
  return problems.length > 0
    ? { ok: false, error: problems.join('; ') }
    : { ok: true, value: raw as EventEnvelope };
}

/** Validates a payload against its class-validator schema; returns the typed instance. */
export function parsePayload<T extends object>(schema: new () => T, payload: unknown): Parsed<T> {
  const instance = plainToInstance(schema, payload);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
  });
  if (errors.length === 0) return { ok: true, value: instance };
  const describe = (list: typeof errors, parent = ''): string[] =>
    list.flatMap((error) => {
      const path = parent ? `${parent}.${error.property}` : error.property;
      return [
        ...Object.values(error.constraints ?? {}).map((text) => `${path}: ${text}`),
        ...describe(error.children ?? [], path),
      ];
    });
  return { ok: false, error: describe(errors).join('; ') };
}
