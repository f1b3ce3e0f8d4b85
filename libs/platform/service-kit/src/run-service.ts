import { Logger, type DynamicModule, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ConfigValidationError,
  type BackendServiceConfig,
  type HttpServiceConfig,
} from '@shop/platform/config';
import { DeadLetters } from '@shop/platform/messaging';
import { stopTelemetry } from '@shop/platform/observability';
import { createHttpApp } from './create-http-app';

export interface ServiceDefinition<TConfig extends HttpServiceConfig> {
  readonly name: string;
  readonly loadConfig: () => TConfig;
  readonly module: (config: TConfig) => Type<unknown> | DynamicModule;
  readonly openApi?: { readonly title: string; readonly description: string };
  /** Last touches before listening (routes registered on Fastify directly, extra docs). */
  readonly configure?: (app: NestFastifyApplication, config: TConfig) => Promise<void> | void;
  /** Applies the service's committed migrations (the `migrate` command, and `serve` first). */
  readonly migrate?: (config: TConfig, log: (line: string) => void) => Promise<void>;
}

/**
 * A service's `main`: `node main.js [serve]` runs it (applying its pending migrations first
 * unless MIGRATE_ON_START=false), `node main.js migrate` only applies them. A bad setting stops
 * it with a message naming the setting (exit code 78, EX_CONFIG).
 */
export async function runService<TConfig extends HttpServiceConfig>(
  definition: ServiceDefinition<TConfig>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  const command = argv[0] ?? 'serve';
  let config: TConfig;
  try {
    config = definition.loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }

  if (command === 'migrate') {
    if (definition.migrate) await definition.migrate(config, (line) => log(definition.name, line));
    else log(definition.name, 'no database: nothing to migrate');
    await stopTelemetry();
    return;
  }
  if (command === 'dlt') {
    await deadLetterCommand(definition.name, config, argv[1]);
    return;
  }
  if (command !== 'serve') {
    process.stderr.write(
      `${definition.name}: unknown command "${command}" (use serve, migrate or dlt list|replay)\n`,
    );
    process.exit(64);
  }

  // In this process rather than a `migrate` run before it: one start of Node instead of two
  // (loading the service's code is most of a start, and replicas start together on few cores).
  if (config.MIGRATE_ON_START && definition.migrate)
    await definition.migrate(config, (line) => log(definition.name, line));
  const app = await createHttpApp({
    name: definition.name,
    module: definition.module(config),
    config,
    openApi: definition.openApi,
  });
  await definition.configure?.(app, config);
  let exitTimer: NodeJS.Timeout | undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Nest closes the app (in-flight requests finish); this is the deadline for that.
      exitTimer = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS);
      exitTimer.unref();
    });
  }
  await app.listen(config.PORT, config.HOST);
  new Logger(definition.name).log(`listening on ${config.HOST}:${config.PORT}`);
}

/** One JSON line on stdout, shaped like the service's log lines (before its logger exists). */
function log(service: string, msg: string): void {
  process.stdout.write(
    `${JSON.stringify({ level: 'info', time: new Date().toISOString(), service, msg })}\n`,
  );
}

/** `node main.js dlt list|replay`: inspect or replay this service's dead letters. */
async function deadLetterCommand(
  service: string,
  config: HttpServiceConfig,
  action = 'list',
): Promise<void> {
  const brokers = (config as Partial<BackendServiceConfig>).KAFKA_BROKERS;
  if (!brokers) {
    process.stderr.write(`${service} consumes no events: it has no dead letters\n`);
    process.exit(64);
  }
  if (action !== 'list' && action !== 'replay') {
    process.stderr.write(`usage: node main.js dlt list|replay\n`);
    process.exit(64);
  }
  const deadLetters = new DeadLetters(brokers, service);
  const letters = action === 'list' ? await deadLetters.list() : await deadLetters.replay();
  for (const letter of letters) {
    process.stdout.write(
      `${JSON.stringify({ topic: letter.dltTopic, partition: letter.partition, offset: letter.offset, key: letter.key, reason: letter.reason, error: letter.error, originalTopic: letter.originalTopic, value: letter.value })}\n`,
    );
  }
  process.stdout.write(
    `${action === 'list' ? 'parked' : 'replayed'}: ${letters.length} message(s)\n`,
  );
}
