import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Takes the cluster down (the registry's images stay), unless SHOP_SWARM_KEEP=1. */
export default function globalTeardown(): void {
  if (process.env['SHOP_SWARM_KEEP'] === '1') {
    process.stdout.write(
      '\n[cluster] SHOP_SWARM_KEEP=1: the cluster stays up (npm run cluster:down)\n',
    );
    return;
  }
  execFileSync('bash', [join(__dirname, '../../cluster.sh'), 'down'], { stdio: 'inherit' });
}
