// Writing a bench's figures into BENCHMARKS.md: each bench owns the block between its markers,
// so benches that run separately never overwrite each other's figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCHMARKS_FILE = join(__dirname, '../../BENCHMARKS.md');

/** Replaces the block between `begin` and `end` (appended when the file has none) with `body`. */
export function writeBenchBlock(begin: string, end: string, body: string, file = BENCHMARKS_FILE) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const block = `${begin}\n${body}\n${end}`;
  writeFileSync(
    file,
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`,
  );
}
