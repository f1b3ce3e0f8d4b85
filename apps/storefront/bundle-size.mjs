// The storefront's JavaScript budget (issue 15: < 100 kB gzipped): gzips every built .js file
// and prints each and the total. `node apps/storefront/bundle-size.mjs [dir] [--max=kB]`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'dist/apps/storefront/public';
const max = Number(args.find((a) => a.startsWith('--max='))?.slice(6) ?? 100);

function* files(path) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

let raw = 0;
let gzipped = 0;
for (const file of files(dir)) {
  if (!/\.m?js$/.test(file)) continue;
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  console.log(
    `${relative(dir, file).padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(8)} kB  ${(gz / 1024).toFixed(1).padStart(7)} kB gzipped`,
  );
}
console.log(
  `${'total JavaScript'.padEnd(40)} ${(raw / 1024).toFixed(1).padStart(8)} kB  ${(gzipped / 1024).toFixed(1).padStart(7)} kB gzipped (budget ${max} kB)`,
);
if (gzipped / 1024 > max) {
  console.error(`over budget by ${(gzipped / 1024 - max).toFixed(1)} kB`);
  process.exit(1);
}
