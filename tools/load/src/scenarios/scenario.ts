import type { LatencyRecorder } from '../latency-recorder';

export interface ScenarioContext {
  readonly target: string;
  readonly rate: number;
  readonly durationS: number;
  readonly log: (line: string) => void;
}

/** A load scenario: set-up outside the measurement, then one arrival at a time. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  setup(context: ScenarioContext): Promise<void>;
  /** Resolves with an error kind, or undefined on success. */
  arrival(scheduledAt: number, recorder: LatencyRecorder): Promise<string | undefined>;
  /** Extra latency distributions to report (e.g. placement → CONFIRMED). */
  extra(): Record<string, LatencyRecorder>;
}
