import type { Lab } from './lab';
import { Narrator } from './narrator';
import { LabStack, type StackOptions } from './stack';

/** Runs one lab on its stack and returns whether every check passed. */
export async function runLab(
  lab: Lab,
  options: StackOptions,
  out: (line: string) => void = (l) => console.log(l),
): Promise<boolean> {
  const narrator = new Narrator(out);
  narrator.title(`Lab: ${lab.name} (${lab.summary})`);
  let stack: LabStack | undefined;
  try {
    const env = {
      ...options.env,
      ...(options.project || !lab.stackEnv ? {} : await lab.stackEnv()),
    };
    stack = await LabStack.open({ ...options, env }, narrator);
    out(`\nWatch it live on the system map: open ${stack.systemMap} in a browser`);
    out(`(compose project ${stack.project}, gateway ${stack.gateway})`);
    const checks = await lab.run({ stack, narrator });
    return narrator.verdict(checks);
  } catch (error) {
    out(`\nFAIL: the lab stopped: ${(error as Error).message}`);
    return false;
  } finally {
    await stack?.close();
    await lab.dispose?.();
  }
}
