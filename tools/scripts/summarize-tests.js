// Sums jest's JSON results of every suite into one closing line: "N passed, N failed".
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const result = JSON.parse(readFileSync(join(dir, file), 'utf8'));
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
