// jest runs global setup without moduleNameMapper: import the lib by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startComposeStack } from '../../../../libs/testing/src/compose/compose-stack';
import { e2eState } from './e2e-state';

export default async function globalSetup(): Promise<void> {
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  const started = Date.now();
  process.stdout.write('\n[e2e] starting the composed system (postgres, kafka, six services)...\n');
  e2eState.stack = await startComposeStack(`shop-e2e-${process.pid}`);
  process.env['E2E_GATEWAY_URL'] = e2eState.stack.gatewayUrl;
  process.env['E2E_COMPOSE_PROJECT'] = e2eState.stack.projectName;
  process.stdout.write(
    `[e2e] stack healthy in ${((Date.now() - started) / 1000).toFixed(1)} s at ${e2eState.stack.gatewayUrl}\n`,
  );
}
