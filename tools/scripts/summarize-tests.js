// Sums the JSON results of every suite (jest's, Playwright's) into one closing line: "N passed, N failed".
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.argv[2];

/** Playwright's stats, as the jest counts below; a flaky test (passed on a retry) is a failure. */
function fromPlaywright(stats) {
  return {
    numPassedTests: stats.expected,
    numFailedTests: stats.unexpected + stats.flaky,
    numPendingTests: stats.skipped,
    numRuntimeErrorTestSuites: 0,
  };
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  // Playwright's json reporter (the browser tests) counts in `stats`; jest's and ours as jest does
  const result = raw.stats && raw.suites ? fromPlaywright(raw.stats) : raw;
  const suiteFailures = result.numRuntimeErrorTestSuites ?? 0;
  console.log(
    `  ${file.replace('.json', '').padEnd(12)} ${result.numPassedTests} passed, ${result.numFailedTests} failed` +
      (suiteFailures ? `, ${suiteFailures} suites failed to run` : ''),
  );
  passed += result.numPassedTests;
  failed += result.numFailedTests + suiteFailures;
  skipped += result.numPendingTests;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
