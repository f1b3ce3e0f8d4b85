// The recorded history of a chaos run: every request with its answer, every fault, and the
// invariant checks, with timestamps (ms since the run started). Written as it happens to
// history.jsonl (one event per line, so a run that dies half-way still leaves its history), and
// kept in memory for the report.
import { createWriteStream, type WriteStream } from 'node:fs';

export interface RequestEvent {
  readonly type: 'request';
  /** When it was sent and when its answer (or failure) came, ms since the start. */
  readonly at: number;
  readonly ms: number;
  /** What the workload was doing: 'checkout', 'order', 'repeat', 'read', 'cart', 'setup', ... */
  readonly op: string;
  readonly method: string;
  readonly path: string;
  /** HTTP status; 0 when no answer came (refused, reset, timed out). */
  readonly status: number;
  readonly error?: string;
  readonly shopper?: number;
  readonly idempotencyKey?: string;
  readonly orderId?: string;
}

export interface FaultEvent {
  readonly type: 'fault';
  readonly at: number;
  readonly phase: 'start' | 'healed';
  readonly id: number;
  readonly kind: string;
  readonly target: string;
  readonly detail?: string;
}

export interface NoteEvent {
  readonly type: 'note';
  readonly at: number;
  readonly text: string;
}

export type HistoryEvent = RequestEvent | FaultEvent | NoteEvent;

export class History {
  readonly events: HistoryEvent[] = [];
  readonly startedAt = Date.now();
  private readonly out: WriteStream | undefined;

  constructor(file?: string) {
    this.out = file ? createWriteStream(file, { flags: 'w' }) : undefined;
  }

  now(): number {
    return Date.now() - this.startedAt;
  }

  record(event: HistoryEvent): void {
    this.events.push(event);
    this.out?.write(`${JSON.stringify(event)}\n`);
  }

  note(text: string): void {
    this.record({ type: 'note', at: this.now(), text });
  }

  requests(): RequestEvent[] {
    return this.events.filter((e): e is RequestEvent => e.type === 'request');
  }

  faults(): FaultEvent[] {
    return this.events.filter((e): e is FaultEvent => e.type === 'fault');
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.out ? this.out.end(resolve) : resolve()));
  }
}
