import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitHealthy } from './support/compose';
import { gatewayUrl } from './support/gateway';
import { newShopper } from './support/users';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const SCHEMATHESIS = join(ROOT, 'tmp/fuzz-venv/bin/schemathesis');
const FUZZ_SECONDS = 60;

/**
 * A schema-driven fuzzer (schemathesis, pinned in tools/fuzz/requirements.txt and installed by
 * tools/fuzz/ensure-fuzzer.sh) over the published OpenAPI, through the real gateway, with a
 * normal user's token: no 5xx, no answer slower than 5 s, every 4xx in the error format of
 * api.md (tools/fuzz/hooks.py). Fixed seed and a bounded time, so a failure can be replayed.
 */
describe('the published OpenAPI, fuzzed (composed system)', () => {
  it('answers every generated request without a 5xx, a hang, or an error outside the format', async () => {
    expect(existsSync(SCHEMATHESIS)).toBe(true); // npm test runs tools/fuzz/ensure-fuzzer.sh
    await waitHealthy();
    const { token } = await newShopper();
    const args = [
      'run',
      gatewayUrl('/api/docs-json'),
      '-H',
      `Authorization: Bearer ${token}`,
      '--checks',
      'not_a_server_error,error_format',
      '--max-response-time',
      '5',
      '--phases',
      'examples,coverage,fuzzing',
      '--generation-allow-x00',
      'true',
      '--seed',
      '11',
      '--max-time',
      String(FUZZ_SECONDS),
      '--workers',
      '2',
      '--no-color',
    ];
    const result = await run(SCHEMATHESIS, args, {
      cwd: join(ROOT, 'tools/fuzz'),
      env: { ...process.env, SCHEMATHESIS_HOOKS: 'hooks', PYTHONPATH: join(ROOT, 'tools/fuzz') },
      timeout: (FUZZ_SECONDS + 120) * 1000,
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        output: `${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      }),
    );
    const summary = result.output.slice(result.output.indexOf('SUMMARY'));
    expect({ exit: result.code, summary }).toEqual({
      exit: 0,
      summary: expect.stringMatching(/passed/),
    });
    expect(summary).toMatch(/Test cases:\s+\d+ generated, \d+ passed/);
  }, 300_000);
});
