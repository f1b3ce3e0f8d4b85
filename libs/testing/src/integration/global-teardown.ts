import { sharedInfra } from './shared-infra';

export default async function globalTeardown(): Promise<void> {
  await Promise.all(sharedInfra.containers.map((container) => container.stop({ timeout: 5_000 })));
}
