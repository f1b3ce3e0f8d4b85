import { stopComposeStack } from '@shop/testing';
import { e2eState } from './e2e-state';

export default async function globalTeardown(): Promise<void> {
  await stopComposeStack(e2eState.stack);
}
