import type { LatencyRecorder } from '../latency-recorder';
import { browseScenario } from './browse.scenario';
import { checkoutScenario } from './checkout.scenario';
import type { Scenario, ScenarioContext } from './scenario';

/** Nine browse requests for every checkout, like a shop's traffic. */
export function mixedScenario(): Scenario {
  const browse = browseScenario();
  const checkout = checkoutScenario();
  let n = 0;
  return {
    name: 'mixed',
    description: '90% browse, 10% checkout',
    async setup(context: ScenarioContext) {
      await browse.setup(context);
      await checkout.setup({ ...context, rate: Math.max(1, context.rate / 10) });
    },
    arrival(scheduledAt: number, recorder: LatencyRecorder) {
      return n++ % 10 === 9
        ? checkout.arrival(scheduledAt, recorder)
        : browse.arrival(scheduledAt, recorder);
    },
    extra: () => checkout.extra(),
  };
}
