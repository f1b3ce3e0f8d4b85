import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Brings the cluster up with tools/cluster/cluster.sh (idempotent: quick when it is already up),
 * and points the e2e suite's client helpers at its gateway.
 */
export default function globalSetup(): void {
  const started = Date.now();
  process.stdout.write('\n[cluster] tools/cluster/cluster.sh up\n');
  execFileSync('bash', [join(__dirname, '../../cluster.sh'), 'up'], { stdio: 'inherit' });
  const port = process.env['SHOP_SWARM_GATEWAY_PORT'] ?? '18080';
  process.env['E2E_GATEWAY_URL'] = `http://127.0.0.1:${port}`;
  process.stdout.write(
    `[cluster] up in ${((Date.now() - started) / 1000).toFixed(1)} s; gateway ${process.env['E2E_GATEWAY_URL']}\n`,
  );
}
