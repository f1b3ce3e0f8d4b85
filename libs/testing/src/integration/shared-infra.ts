import type { StartedTestContainer } from 'testcontainers';

/** Lives in jest's parent process between global setup and teardown. */
export const sharedInfra: { containers: StartedTestContainer[] } = { containers: [] };
