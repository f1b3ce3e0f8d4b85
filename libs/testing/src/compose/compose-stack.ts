import { DockerComposeEnvironment, type StartedDockerComposeEnvironment } from 'testcontainers';
import { EventuallyHealthyWaitStrategy } from './compose-health';
import { freePort } from '../free-port';
import { COMPOSE_DIR } from '../images';

export interface ComposeStack {
  readonly environment: StartedDockerComposeEnvironment;
  readonly gatewayUrl: string;
  readonly projectName: string;
}

/**
 * Brings the compose stack up (images must be built: `npm run images`), waiting for every
 * container's healthcheck to pass (a container unhealthy for a while on a busy machine is not a
 * failure; only the startup timeout is). The gateway is published on a free port, not 8080, so a stack a
 * person is running is left alone.
 */
export async function startComposeStack(
  projectName: string,
  environment: Record<string, string> = {},
): Promise<ComposeStack> {
  const port = await freePort();
  const started = await new DockerComposeEnvironment(COMPOSE_DIR, 'docker-compose.yml')
    .withProjectName(projectName)
    .withEnvironment({ ...environment, GATEWAY_PORT: String(port) })
    .withStartupTimeout(300_000)
    // every container of the file (the storefront's too), each to its healthcheck
    .withDefaultWaitStrategy(new EventuallyHealthyWaitStrategy())
    .up();
  return { environment: started, gatewayUrl: `http://localhost:${port}`, projectName };
}

export async function stopComposeStack(stack: ComposeStack | undefined): Promise<void> {
  await stack?.environment.down({ removeVolumes: true, timeout: 10_000 });
}
