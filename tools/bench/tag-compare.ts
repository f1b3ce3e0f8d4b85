// Comparing sets of images side by side (`npm run bench:runtimes`, `npm run bench:edge`): the
// same measurement on a fresh stack per image tag and round, rounds alternating the order
// (A B, B A, ...) so a drift of the machine's load hits every tag alike.
import { execFileSync } from 'node:child_process';

export interface TagStack {
  readonly tag: string;
  /** `docker compose` on this bench's project and files, with the tag's images. */
  compose(args: string[]): string;
}

export interface TagCompareOptions {
  readonly project: string;
  readonly files: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly tags: readonly string[];
  readonly rounds: number;
  readonly log: (line: string) => void;
}

export function tagStack(options: TagCompareOptions, tag: string): TagStack {
  return {
    tag,
    compose: (args) =>
      execFileSync(
        'docker',
        ['compose', '-p', options.project, ...options.files.flatMap((f) => ['-f', f]), ...args],
        {
          env: { ...process.env, ...options.env, SHOP_IMAGE_TAG: tag },
          stdio: 'pipe',
          maxBuffer: 64 << 20,
        },
      ).toString(),
  };
}

/** Runs `sample` once per tag and round; the stack is removed after each, and on failure. */
export function compareTags<S>(
  options: TagCompareOptions,
  sample: (stack: TagStack) => Promise<S>,
  describe: (s: S) => string,
): Promise<Record<string, S[]>> {
  return alternating(options, 'fresh stack on images tagged', describe, async (stack) => {
    stack.compose(['down', '-v', '--remove-orphans']);
    try {
      return await sample(stack);
    } finally {
      stack.compose(['down', '-v', '--remove-orphans']);
    }
  });
}

/**
 * Like `compareTags`, on one stack: `shared` services (Postgres, Kafka) start once, and each
 * sample swaps the image tag of everything else in place (`up` recreates what changed). Less
 * drift between samples than a fresh stack each, so more rounds fit in the same time.
 */
export async function compareTagsInPlace<S>(
  options: TagCompareOptions & { readonly shared: readonly string[] },
  services: readonly string[],
  sample: (stack: TagStack) => Promise<S>,
  describe: (s: S) => string,
): Promise<Record<string, S[]>> {
  const first = tagStack(options, options.tags[0] ?? 'dev');
  first.compose(['down', '-v', '--remove-orphans']);
  try {
    first.compose(['up', '-d', '--wait', '--wait-timeout', '300', ...options.shared]);
    return await alternating(options, 'images tagged', describe, (stack) => {
      stack.compose(['up', '-d', '--wait', '--wait-timeout', '300', ...services]);
      return sample(stack);
    });
  } finally {
    first.compose(['down', '-v', '--remove-orphans']);
  }
}

/** Every tag once per round, the order reversed every other round (A B, B A, ...). */
async function alternating<S>(
  options: TagCompareOptions,
  label: string,
  describe: (s: S) => string,
  visit: (stack: TagStack) => Promise<S>,
): Promise<Record<string, S[]>> {
  if (options.tags.length < 2) throw new Error('give at least two image tags to compare');
  const samples: Record<string, S[]> = Object.fromEntries(options.tags.map((t) => [t, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const tag of round % 2 === 0 ? options.tags : [...options.tags].reverse()) {
      options.log(`round ${round + 1}/${options.rounds}: ${label} ${tag}`);
      const s = await visit(tagStack(options, tag));
      samples[tag].push(s);
      options.log(`  ${tag}: ${describe(s)}`);
    }
  }
  return samples;
}

/** Mean over the rounds of what `pick` gives (rounds where it is undefined left out). */
export function meanOf<S>(samples: readonly S[], pick: (s: S) => number | undefined): number {
  const xs = samples.map(pick).filter((x): x is number => x !== undefined && !Number.isNaN(x));
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);

export const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !b ? 'n/a' : `${(a / b).toFixed(2)}×`;

/** `[  12s] line` on the console, seconds since the bench started. */
export function benchLogger(): (line: string) => void {
  const startedAt = Date.now();
  return (line) =>
    console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${line}`);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `url` answers 2xx (polled every 200 ms); throws after `attempts` tries. */
export async function untilAnswering(url: string, attempts = 150): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await pause(200);
  }
  throw new Error(`nothing answered ${url}`);
}

/** Reports a bench's failure and exits non-zero. */
export function runBench(name: string, main: () => Promise<void>): void {
  main().catch((error: Error) => {
    console.error(`${name} bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
}
