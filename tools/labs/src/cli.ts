// `npm run lab` lists the guided labs; `npm run lab -- <name> [--project P] [--port N] [--keep]` runs one.
import { parseLabArgs, USAGE } from './args';
import { findLab, LABS, listing } from './registry';
import { runLab } from './run-lab';

async function main(): Promise<number> {
  let args;
  try {
    args = parseLabArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 64;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!args.name) {
    for (const line of listing(LABS)) console.log(line);
    return 0;
  }
  let lab;
  try {
    lab = findLab(LABS, args.name);
  } catch (error) {
    console.error((error as Error).message);
    return 64;
  }
  return (await runLab(lab, args)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(2);
  },
);
