// eslint-disable-next-line @nx/enforce-module-boundaries
import { stopComposeStack } from '../../../../libs/testing/src/compose/compose-stack';
import { rmSync } from 'node:fs';
import { e2eState } from './e2e-state';

export default async function globalTeardown(): Promise<void> {
  await stopComposeStack(e2eState.stack);
  await e2eState.closeReceiver?.();
  if (e2eState.secretsDir) rmSync(e2eState.secretsDir, { recursive: true, force: true });
}
