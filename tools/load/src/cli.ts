// `npm run load -- <browse|checkout|mixed> [--rate N] [--duration S] [--target URL] [--out DIR]`
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeResults } from './report';
import { SCENARIOS, runLoad, summaryText } from './run-load';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      rate: { type: 'string', default: '20' },
      duration: { type: 'string', default: '30' },
      target: {
        type: 'string',
        default:
          process.env['GATEWAY_URL'] ?? `http://localhost:${process.env['GATEWAY_PORT'] ?? 8080}`,
      },
      out: { type: 'string', default: join(__dirname, '../results') },
      help: { type: 'boolean', default: false },
    },
  });
  const scenario = positionals[0];
  const rate = Number(values.rate);
  const durationS = Number(values.duration);
  if (
    values.help ||
    !scenario ||
    !SCENARIOS[scenario] ||
    !(rate > 0) ||
    !(durationS > 0) ||
    durationS > 3600
  ) {
    process.stderr.write(
      `usage: npm run load -- <${Object.keys(SCENARIOS).join('|')}> [--rate per-second] [--duration seconds (<= 3600)] [--target ${values.target}] [--out dir]\n`,
    );
    process.exit(values.help ? 0 : 64);
  }
  const result = await runLoad({
    scenario,
    target: values.target as string,
    rate,
    durationS,
    log: (line) => console.log(line),
  });
  console.log(`\n${summaryText(result)}`);
  const files = writeResults(values.out as string, result);
  console.log(`\nresults: ${files.json}\nchart:   ${files.html}`);
}

main().catch((error: Error) => {
  console.error(`load test failed: ${error.message}`);
  process.exit(1);
});
