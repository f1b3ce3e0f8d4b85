import type { z } from 'zod';
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

/**
 * Validates a payload against its contract's schema (libs/contracts); returns it as the schema
 * reads it (fields the schema does not know are dropped), or every problem with its path.
 */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): Parsed<T> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    error: result.error.issues
      .map(
        (issue) =>
          `${issue.path.length > 0 ? issue.path.join('.') : '(payload)'}: ${issue.message}`,
      )
      .join('; '),
  };
}
