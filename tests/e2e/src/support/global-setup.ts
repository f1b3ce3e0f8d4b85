import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// jest runs global setup without moduleNameMapper: import the lib by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startComposeStack } from '../../../../libs/testing/src/compose/compose-stack';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startOtlpReceiver } from '../../../../libs/testing/src/otlp/otlp-receiver';
import { e2eState } from './e2e-state';

/**
 * One composed system for the whole e2e run, exporting its traces (OTLP/HTTP, JSON) to a
 * receiver in this process; spans land in a file the test workers read.
 */
export default async function globalSetup(): Promise<void> {
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  const started = Date.now();
  const dir = join(__dirname, '../../../../tmp/e2e');
  mkdirSync(dir, { recursive: true });
  const spansFile = join(dir, `spans-${process.pid}.jsonl`);
  const receiver = await startOtlpReceiver(spansFile);
  e2eState.closeReceiver = receiver.close;
  // The stack's secrets, copied from the development ones: a test changes one and restarts.
  const secretsDir = join(dir, `secrets-${process.pid}`);
  rmSync(secretsDir, { recursive: true, force: true });
  cpSync(join(__dirname, '../../../../deploy/compose/secrets'), secretsDir, { recursive: true });
  e2eState.secretsDir = secretsDir;
  const environment = {
    SHOP_SECRETS_DIR: secretsDir,
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://host.docker.internal:${receiver.port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
    // Every suite, the load smoke run and the fuzzer sign up and log in from this one address;
    // the shipped per-address limit is tested on a gateway of its own (edge.e2e-spec.ts).
    AUTH_RATE_LIMIT: '100000',
  };
  process.stdout.write('\n[e2e] starting the composed system (postgres, kafka, six services)...\n');
  e2eState.stack = await startComposeStack(`shop-e2e-${process.pid}`, environment);
  process.env['E2E_GATEWAY_URL'] = e2eState.stack.gatewayUrl;
  process.env['E2E_COMPOSE_PROJECT'] = e2eState.stack.projectName;
  process.env['E2E_COMPOSE_ENV'] = JSON.stringify(environment);
  process.env['E2E_SPANS_FILE'] = spansFile;
  process.stdout.write(
    `[e2e] stack healthy in ${((Date.now() - started) / 1000).toFixed(1)} s at ${e2eState.stack.gatewayUrl}\n`,
  );
}
