import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { ConfigValidationError } from './config-validation.error';

type Env = Record<string, string | undefined>;

/**
 * Builds a typed, validated config object from environment variables. Property names are the
 * variable names, so every error names the setting to fix. Unknown variables are ignored;
 * defaults are the class's property initialisers.
 */
export function loadConfig<T extends object>(schema: new () => T, env: Env): T {
  const defaults = new schema() as Record<string, unknown>;
  const relevant: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const raw = env[key];
    relevant[key] = raw === undefined || raw === '' ? defaults[key] : raw;
  }
  // Settings without a default (declared with `!`) are not own keys of `defaults`.
  for (const key of declaredKeys(schema)) {
    if (!(key in relevant) && env[key] !== undefined && env[key] !== '') relevant[key] = env[key];
  }
  const config = plainToInstance(schema, relevant, { enableImplicitConversion: false });
  const errors = validateSync(config, { forbidUnknownValues: true, skipMissingProperties: false });
  if (errors.length > 0) throw new ConfigValidationError(errors.flatMap(describe));
  return Object.freeze(config);
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
