import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The compose project under test (set by the global setup). */
export function projectName(): string {
  const name = process.env['E2E_COMPOSE_PROJECT'];
  if (!name)
    throw new Error('E2E_COMPOSE_PROJECT is not set: run through tests/e2e/jest.config.js');
  return name;
}

/** Runs a command in the first container of a compose service and returns its stdout. */
export async function composeExec(service: string, command: string[]): Promise<string> {
  const { stdout } = await run('docker', ['exec', `${projectName()}-${service}-1`, ...command]);
  return stdout;
}
