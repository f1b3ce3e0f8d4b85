import { parseArgs } from 'node:util';

/** What `npm run lab -- [name] [options]` asked for. */
export interface LabArgs {
  /** Undefined: list the labs. */
  readonly name?: string;
  /** A running stack's compose project; undefined: the lab starts its own. */
  readonly project?: string;
  /** The gateway's port: of the running stack (default: asked from Docker), or for the lab's own. */
  readonly port?: number;
  /** Leave the stack the lab started running. */
  readonly keep: boolean;
  readonly help: boolean;
}

export const USAGE = `usage: npm run lab                      list the labs
       npm run lab -- <name> [options]  run one
options:
  --project NAME  use this running compose project (\`npm start\` runs one named shop)
                  instead of starting the lab's own (shop-lab)
  --port N        the gateway's port (default: a free one for the lab's own stack; for
                  --project, the one Docker publishes)
  --keep          leave the stack the lab started running
  --help`;

/** Parses the command line; throws with a message for anything it does not understand. */
export function parseLabArgs(argv: readonly string[]): LabArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      project: { type: 'string' },
      port: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 1) throw new Error(`one lab at a time (got ${positionals.join(', ')})`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new Error(`--port "${values.port}" is not a TCP port`);
  }
  const project = values.project;
  if (project !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(project))
    throw new Error(`--project "${project}" is not a compose project name`);
  return { name: positionals[0], project, port, keep: values.keep, help: values.help };
}
