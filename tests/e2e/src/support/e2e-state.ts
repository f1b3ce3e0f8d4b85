import type { ComposeStack } from '@shop/testing';

/** Lives in jest's parent process between global setup and teardown. */
export const e2eState: { stack?: ComposeStack } = {};
