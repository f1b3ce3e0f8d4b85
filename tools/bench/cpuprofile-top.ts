// `npx tsx tools/bench/cpuprofile-top.ts <file.cpuprofile> [n]`: the top functions by self time
// of a V8 CPU profile (node --cpu-prof), and the same grouped by package, as Markdown tables.
// How a profile of a service under load is taken: BENCHMARKS.md, "Where the time goes".
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly hitCount?: number;
}

interface Profile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/** The package (or Node's own code, or the service bundle) a frame belongs to. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const [scope, name] = url.slice(inModules + 14).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  return url.endsWith('main.js') ? '(service bundle)' : url.replace(/^file:\/\//, '');
}

export function selfTimes(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const pkg = packageOf(url, functionName);
    const fn = `${functionName || '(anonymous)'} · ${pkg}${url && !url.startsWith('node:') ? `:${lineNumber + 1}` : ''}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { total, functions: sorted(fns), packages: sorted(pkgs) };
}

function main(): void {
  const [file, n = '20'] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpuprofile-top <file.cpuprofile> [n]');
  const { total, functions, packages } = selfTimes(JSON.parse(readFileSync(file, 'utf8')));
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
  console.log(`${(total / 1e6).toFixed(1)} s of samples\n`);
  console.log('| self time | function · where |\n|---|---|');
  for (const [name, us] of functions.slice(0, Number(n))) console.log(`| ${pct(us)} | ${name} |`);
  console.log('\n| self time | package |\n|---|---|');
  for (const [name, us] of packages.slice(0, Number(n))) console.log(`| ${pct(us)} | ${name} |`);
}

if (require.main === module) main();
