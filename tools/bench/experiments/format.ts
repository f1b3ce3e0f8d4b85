// Formatting the figures of `npm run bench` (pure: no I/O).

export const fmt = (n: number | undefined, digits = 1) =>
  n === undefined ? 'n/a' : n.toFixed(digits);
export const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`;
export const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

/** One section of the bench's block in BENCHMARKS.md: heading, intro paragraph (if any), body. */
export function section(
  title: string,
  intro: readonly string[],
  body: readonly string[],
): string[] {
  return ['', `## ${title}`, '', ...(intro.length > 0 ? [...intro, ''] : []), ...body];
}
