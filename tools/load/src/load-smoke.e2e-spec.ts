import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults } from './report';
import { runLoad } from './run-load';

/** A short load run against the composed system: the tool works end to end (no timing asserted). */
describe('load test smoke run (composed system)', () => {
  const target = () => {
    const url = process.env['E2E_GATEWAY_URL'];
    if (!url) throw new Error('E2E_GATEWAY_URL is not set: run through tests/e2e/jest.config.js');
    return url;
  };

  it.each([['browse'], ['checkout']])(
    '%s: every arrival completes without error, and results are written',
    async (scenario) => {
      const result = await runLoad({ scenario, target: target(), rate: 4, durationS: 3 });
      expect(result.sent).toBe(12);
      expect(result.latencyMs.errors).toEqual({});
      expect(result.latencyMs.count).toBe(12);
      if (scenario === 'checkout')
        expect(result.extra['placement to CONFIRMED']).toMatchObject({ count: 12, errors: {} });
      const files = writeResults(mkdtempSync(join(tmpdir(), 'load-')), result);
      expect(existsSync(files.json) && existsSync(files.html)).toBe(true);
    },
  );
});
