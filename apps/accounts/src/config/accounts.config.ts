import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  BackendServiceConfig,
  ConfigValidationError,
  ToInt,
  loadConfig,
} from '@shop/platform/config';

export class AccountsConfig extends BackendServiceConfig {
  /** The admin account created at start-up (docs/api.md, "Accounts"); none when unset. */
  @IsOptional() @IsEmail() @MaxLength(254) readonly ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(8) @MaxLength(128) readonly ADMIN_PASSWORD?: string;
  /** Lifetime of an access token. */
  @ToInt() @IsInt() @Min(60) @Max(86_400) readonly ACCESS_TOKEN_TTL_SECONDS: number = 900;
}

/** The only place accounts reads `process.env`. */
export function loadAccountsConfig(
  env: Record<string, string | undefined> = process.env,
): AccountsConfig {
  const config = loadConfig(AccountsConfig, env);
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    throw new ConfigValidationError(['ADMIN_EMAIL and ADMIN_PASSWORD must be set together']);
  }
  return config;
}
