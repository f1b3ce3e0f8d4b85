import { findLab, LABS } from './registry';
import { runLab } from './run-lab';

/**
 * The network and isolation labs, run as a user would with --project and --port, against the
 * e2e suite's running stack: each must end PASS, and leave the stack whole for the next suite.
 */
describe('guided labs on the composed system', () => {
  const stack = () => {
    const project = process.env['E2E_COMPOSE_PROJECT'];
    const url = process.env['E2E_GATEWAY_URL'];
    if (!project || !url) throw new Error('run through tests/e2e/jest.config.js');
    return {
      project,
      port: Number(new URL(url).port),
      keep: false,
      env: JSON.parse(process.env['E2E_COMPOSE_ENV'] ?? '{}') as Record<string, string>,
    };
  };

  async function run(name: string): Promise<{ ok: boolean; output: string }> {
    const lines: string[] = [];
    const ok = await runLab(findLab(LABS, name), stack(), (line) => lines.push(line));
    const output = lines.join('\n');
    // The whole narration when it failed: what was seen, step by step.
    if (!ok) process.stderr.write(`\n${output}\n`);
    return { ok, output };
  }

  /** The checks that failed (none when the lab passed), as the lab printed them. */
  const failed = (output: string) => output.split('\n').filter((l) => /^FAIL/.test(l));

  it('network: only the gateway is published, services answer by name inside', async () => {
    const result = await run('network');
    expect(failed(result.output)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.output).toMatch(/PASS {2}only the gateway publishes a port, and only 8080/);
    expect(result.output).toMatch(/PASS {2}inside the network, catalog:3000 answers by name/);
    expect(result.output).toContain(`$ docker compose -p ${stack().project} `);
    expect(result.output).toContain(`/system`);
  });

  it('isolation: each service killed under traffic, the rest keeps working, nothing lost', async () => {
    const result = await run('isolation');
    expect(failed(result.output)).toEqual([]);
    expect(result.ok).toBe(true);
    for (const service of ['payments', 'catalog', 'orders', 'accounts', 'cart'])
      expect(result.output).toContain(`kill -s SIGKILL ${service}`);
    expect(result.output).toMatch(
      /PASS {2}orders placed while payments was down all CONFIRMED after it came back: [1-9]\d* orders: CONFIRMED/,
    );
    expect(result.output).toMatch(/PASS {2}catalog down: browse: 503 within 2000 ms/);
  }, 360_000);
});
