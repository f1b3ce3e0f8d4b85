import { runOpenModel } from './open-model';
import { summaryText, type LoadResult } from './report';
import { browseScenario } from './scenarios/browse.scenario';
import { checkoutScenario } from './scenarios/checkout.scenario';
import { mixedScenario } from './scenarios/mixed.scenario';
import type { Scenario } from './scenarios/scenario';

export const SCENARIOS: Record<string, () => Scenario> = {
  browse: browseScenario,
  checkout: checkoutScenario,
  mixed: mixedScenario,
};

export interface LoadOptions {
  readonly scenario: string;
  readonly target: string;
  readonly rate: number;
  readonly durationS: number;
  readonly log?: (line: string) => void;
  /** Wraps the measured phase only (after the scenario's setup), e.g. to read CPU counters. */
  readonly aroundMeasurement?: <T>(phase: () => Promise<T>) => Promise<T>;
}

/** Runs one scenario at a fixed arrival rate and returns its result (no files written). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const make = SCENARIOS[options.scenario];
  if (!make)
    throw new Error(
      `unknown scenario "${options.scenario}" (use ${Object.keys(SCENARIOS).join(', ')})`,
    );
  const log = options.log ?? (() => undefined);
  const scenario = make();
  await scenario.setup({
    target: options.target,
    rate: options.rate,
    durationS: options.durationS,
    log,
  });
  log(
    `running ${scenario.name} at ${options.rate}/s for ${options.durationS} s against ${options.target}`,
  );
  const around = options.aroundMeasurement ?? (<T>(phase: () => Promise<T>) => phase());
  const { recorder, sent, elapsedS } = await around(() =>
    runOpenModel((at, r) => scenario.arrival(at, r), {
      rate: options.rate,
      durationS: options.durationS,
      onSecond: (second, r, inFlight) => {
        const errors = [...r.errors.values()].reduce((a, b) => a + b, 0);
        log(
          `  ${String(second).padStart(4)} s  done ${r.completed}  in flight ${inFlight}  errors ${errors}  p50 ${r.percentileMs(50).toFixed(1)} ms  p99 ${r.percentileMs(99).toFixed(1)} ms`,
        );
      },
    }),
  );
  return {
    scenario: scenario.name,
    description: scenario.description,
    target: options.target,
    rate: options.rate,
    durationS: options.durationS,
    sent,
    elapsedS,
    throughput: recorder.completed / elapsedS,
    latencyMs: recorder.summary(),
    extra: Object.fromEntries(
      Object.entries(scenario.extra()).map(([name, r]) => [name, r.summary()]),
    ),
    series: recorder.series(),
    finishedAt: new Date().toISOString(),
  };
}

export { summaryText };
