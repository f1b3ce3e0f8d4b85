/** One outcome a lab checks at its end. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  /** What was seen, in figures. */
  readonly detail: string;
}

/** The lab's verdict: every check passed, and the lines that say so. */
export function verdict(checks: readonly Check[]): { ok: boolean; lines: string[] } {
  const ok = checks.length > 0 && checks.every((c) => c.ok);
  const lines = checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  if (checks.length === 0) lines.push('FAIL  the lab checked nothing');
  lines.push(ok ? 'PASS' : `FAIL (${checks.filter((c) => !c.ok).length} of ${checks.length})`);
  return { ok, lines };
}

/** Quotes a command line for printing, so that it can be pasted into a shell. */
export function shellLine(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/**
 * The lab's voice: numbered steps with what they show and why, each command before it runs,
 * its relevant output indented, elapsed time on progress lines.
 */
export class Narrator {
  private step = 0;
  private readonly started = Date.now();

  constructor(private readonly out: (line: string) => void = (l) => console.log(l)) {}

  elapsed(): string {
    return `${((Date.now() - this.started) / 1000).toFixed(0).padStart(3)} s`;
  }

  title(text: string): void {
    this.out(`\n=== ${text}`);
  }

  /** A numbered step: what it does, and why it is worth seeing. */
  begin(title: string, why: string): void {
    this.step += 1;
    this.out(`\n${this.step}. ${title}  [${this.elapsed()}]`);
    for (const line of why.split('\n')) this.out(`   ${line}`);
  }

  /** Prints a command before it runs; `pipe` is a filter shown after it (`| grep x`). */
  command(argv: readonly string[], pipe?: readonly string[]): void {
    this.out(`   $ ${shellLine(argv)}${pipe ? ` | ${shellLine(pipe)}` : ''}`);
  }

  show(text: string): void {
    for (const line of text.replace(/\n+$/, '').split('\n')) this.out(`     ${line}`);
  }

  progress(text: string): void {
    this.out(`   [${this.elapsed()}] ${text}`);
  }

  /** Runs `work`, saying "still <what>" every few seconds while it lasts. */
  async during<T>(what: string, work: Promise<T>, everyMs = 5_000): Promise<T> {
    const t0 = Date.now();
    const timer = setInterval(
      () => this.progress(`still ${what} (${((Date.now() - t0) / 1000).toFixed(0)} s)`),
      everyMs,
    );
    try {
      return await work;
    } finally {
      clearInterval(timer);
    }
  }

  verdict(checks: readonly Check[]): boolean {
    const { ok, lines } = verdict(checks);
    this.out('\n=== Outcome');
    for (const line of lines) this.out(line);
    return ok;
  }
}
