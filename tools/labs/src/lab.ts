import type { Check, Narrator } from './narrator';
import type { LabStack } from './stack';

export interface LabContext {
  readonly stack: LabStack;
  readonly narrator: Narrator;
}

/** One guided lab: narrated steps on a stack, ending in checks of its own outcome. */
export interface Lab {
  readonly name: string;
  /** One line for the listing. */
  readonly summary: string;
  /** About how long it takes on two cores, stack start-up excluded. */
  readonly minutes: number;
  /** Settings for the stack when the lab starts its own (e.g. where to send traces). */
  stackEnv?(): Promise<Record<string, string>>;
  run(context: LabContext): Promise<Check[]>;
  /** Releases what stackEnv or run set up outside the stack. */
  dispose?(): Promise<void>;
}
