import { join } from 'node:path';
// Playwright loads this file itself (no Nx path mapping): the lib by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  startComposeStack,
  stopComposeStack,
} from '../../../libs/testing/src/compose/compose-stack';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { COMPOSE_DIR } from '../../../libs/testing/src/images';

/**
 * The system the browser tests run against. With `SHOP_URL` set, that one (a stack you started:
 * `npm start`), controlled for the kill tests with `SHOP_COMPOSE` (default: the compose command
 * `npm start` uses). Without it, a stack of their own on a free port (images built:
 * `npm run images`), removed afterwards: what `npm test` does.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  const composeFile = join(COMPOSE_DIR, 'docker-compose.yml');
  if (process.env['SHOP_URL']) {
    process.env['SHOP_COMPOSE'] ??= `docker compose -f ${composeFile}`;
    return undefined;
  }
  const started = Date.now();
  const project = `shop-browser-${process.pid}`;
  process.stdout.write(`[browser] starting the composed system (compose project ${project})...\n`);
  const stack = await startComposeStack(project, { AUTH_RATE_LIMIT: '100000' });
  process.env['SHOP_URL'] = stack.gatewayUrl;
  process.env['SHOP_COMPOSE'] = `docker compose -p ${project} -f ${composeFile}`;
  process.stdout.write(
    `[browser] stack healthy in ${((Date.now() - started) / 1000).toFixed(1)} s at ${stack.gatewayUrl}\n`,
  );
  return async () => {
    process.stdout.write(`[browser] removing ${project}\n`);
    await stopComposeStack(stack);
  };
}
