// eslint-disable-next-line @nx/enforce-module-boundaries
import type { ComposeStack } from '../../../../libs/testing/src/compose/compose-stack';

/** Lives in jest's parent process between global setup and teardown. */
export const e2eState: {
  stack?: ComposeStack;
  closeReceiver?: () => Promise<void>;
  secretsDir?: string;
} = {};
