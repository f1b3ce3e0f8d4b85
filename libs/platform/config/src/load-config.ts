import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { ConfigValidationError } from './config-validation.error';

type Env = Record<string, string | undefined>;

/**
 * Builds a typed, validated config object from environment variables. Property names are the
 * variable names, so every error names the setting to fix. Unknown variables are ignored;
 * defaults are the class's property initialisers.
 *
 * Any setting `X` can instead be given as `X_FILE`, the path of a file holding the value (a
 * compose, Swarm or Kubernetes secret mounted under /run/secrets), so that passwords stay out of
 * the environment that `docker inspect` shows. Trailing newlines are dropped; giving both `X` and
 * `X_FILE` is an error. The file is read when the service starts: a changed secret takes effect
 * on restart.
 */
export function loadConfig<T extends object>(schema: new () => T, env: Env): T {
  const defaults = new schema() as Record<string, unknown>;
  // Settings without a default (declared with `!`) are not own keys of `defaults`.
  const keys = [...new Set([...Object.keys(defaults), ...declaredKeys(schema)])];
  const { values, problems } = readSettings(keys, env);
  if (problems.length > 0) throw new ConfigValidationError(problems);
  const relevant: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = values[key];
    if (raw !== undefined && raw !== '') relevant[key] = raw;
    else if (key in defaults) relevant[key] = defaults[key];
  }
  const config = plainToInstance(schema, relevant, { enableImplicitConversion: false });
  const errors = validateSync(config, { forbidUnknownValues: true, skipMissingProperties: false });
  if (errors.length > 0) throw new ConfigValidationError(errors.flatMap(describe));
  return Object.freeze(config);
}

/** Each setting's raw value, from `X` or from the file named by `X_FILE`. */
function readSettings(
  keys: readonly string[],
  env: Env,
): { values: Record<string, string | undefined>; problems: string[] } {
  const values: Record<string, string | undefined> = {};
  const problems: string[] = [];
  for (const key of keys) {
    const fileKey = `${key}_FILE`;
    const file = env[fileKey];
    if (file === undefined || file === '') {
      values[key] = env[key];
    } else if (env[key] !== undefined && env[key] !== '') {
      problems.push(`${key} and ${fileKey} are both set: give one of them`);
    } else {
      try {
        values[key] = readFileSync(file, 'utf8').replace(/[\r\n]+$/, '');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        problems.push(`${fileKey}=${JSON.stringify(file)}: cannot read the file (${code})`);
      }
    }
  }
  return { values, problems };
}

function describe(error: ValidationError): string[] {
  const shown = error.property;
  const constraints = Object.values(error.constraints ?? {});
  const value = /PASSWORD|SECRET|KEY/i.test(shown) ? '(hidden)' : JSON.stringify(error.value);
  return constraints.length > 0
    ? [`${shown}=${value ?? '(unset)'}: ${constraints.join('; ')}`]
    : (error.children ?? []).flatMap(describe);
}

function declaredKeys(schema: new () => object): string[] {
  // class-validator keeps the decorated property names in its metadata storage.
  const metas = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}
