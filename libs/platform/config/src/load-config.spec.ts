import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsInt, IsString } from 'class-validator';
import { BackendServiceConfig } from './service.config';
import { ConfigValidationError } from './config-validation.error';
import { ToInt } from './env-transforms';
import { loadConfig } from './load-config';

const validBackendEnv = { DB_NAME: 'catalog', DB_USER: 'catalog', DB_PASSWORD: 'secret' };

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig(BackendServiceConfig, {
      ...validBackendEnv,
      PORT: '4000',
      SERVED_BY_HEADER: 'true',
    });
    expect(config.PORT).toBe(4000);
    expect(config.SERVED_BY_HEADER).toBe(true);
    expect(config.DB_POOL_SIZE).toBe(10);
    expect(config.KAFKA_BROKERS).toEqual(['localhost:9092']);
  });

  it('splits broker lists', () => {
    const config = loadConfig(BackendServiceConfig, {
      ...validBackendEnv,
      KAFKA_BROKERS: 'a:9092, b:9093',
    });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
  });

  it('names every bad or missing setting', () => {
    let thrown: unknown;
    try {
      loadConfig(BackendServiceConfig, {
        DB_NAME: 'x',
        DB_USER: 'x',
        DB_POOL_SIZE: 'many',
        KAFKA_BROKERS: 'nohost',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigValidationError);
    const problems = (thrown as ConfigValidationError).problems.join('\n');
    expect(problems).toMatch(/^DB_POOL_SIZE="many"/m);
    expect(problems).toMatch(/^DB_PASSWORD=/m);
    expect(problems).toMatch(/^KAFKA_BROKERS=.*host:port/m);
    expect(problems).not.toMatch(/^DB_NAME/m);
  });

  it('never prints a password value', () => {
    expect(() =>
      loadConfig(BackendServiceConfig, { ...validBackendEnv, DB_PASSWORD: '', PORT: '-1' }),
    ).toThrow(/DB_PASSWORD=\(hidden\)/);
  });

  it('rejects a port that is not an integer and an unknown boolean word', () => {
    expect(() => loadConfig(BackendServiceConfig, { ...validBackendEnv, PORT: '80.5' })).toThrow(
      /PORT="80.5"/,
    );
    expect(() =>
      loadConfig(BackendServiceConfig, { ...validBackendEnv, SERVED_BY_HEADER: 'maybe' }),
    ).toThrow(/SERVED_BY_HEADER/);
  });

  it('works for a service-specific schema with required settings', () => {
    class Custom {
      @IsString() readonly NAME!: string;
      @ToInt() @IsInt() readonly COUNT: number = 3;
    }
    expect(loadConfig(Custom, { NAME: 'n' })).toMatchObject({ NAME: 'n', COUNT: 3 });
    expect(() => loadConfig(Custom, {})).toThrow(/NAME=\(unset\)/);
  });

  describe('X_FILE (secrets mounted as files)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'config-secrets-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const secret = (name: string, content: string): string => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };

    it('reads a setting from the file its _FILE variable names, without trailing newlines', () => {
      const config = loadConfig(BackendServiceConfig, {
        DB_NAME: 'catalog',
        DB_USER: 'catalog',
        DB_PASSWORD_FILE: secret('db_password', 's3cret value\n'),
        DB_POOL_SIZE_FILE: secret('pool', '7\r\n'),
      });
      expect(config.DB_PASSWORD).toBe('s3cret value');
      expect(config.DB_POOL_SIZE).toBe(7);
    });

    it('reads the file again on every load: a changed secret takes effect on restart', () => {
      const path = secret('db_password', 'first');
      const env = { DB_NAME: 'c', DB_USER: 'c', DB_PASSWORD_FILE: path };
      expect(loadConfig(BackendServiceConfig, env).DB_PASSWORD).toBe('first');
      writeFileSync(path, 'second\n');
      expect(loadConfig(BackendServiceConfig, env).DB_PASSWORD).toBe('second');
    });

    it('refuses a setting given both ways, naming both', () => {
      expect(() =>
        loadConfig(BackendServiceConfig, {
          ...validBackendEnv,
          DB_PASSWORD_FILE: secret('db_password', 'other'),
        }),
      ).toThrow(/DB_PASSWORD and DB_PASSWORD_FILE are both set/);
    });

    it('names the _FILE variable when its file cannot be read, without the value', () => {
      let thrown: unknown;
      try {
        loadConfig(BackendServiceConfig, {
          DB_NAME: 'c',
          DB_USER: 'c',
          DB_PASSWORD_FILE: join(dir, 'missing'),
        });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigValidationError);
      expect((thrown as ConfigValidationError).problems).toEqual([
        `DB_PASSWORD_FILE=${JSON.stringify(join(dir, 'missing'))}: cannot read the file (ENOENT)`,
      ]);
    });

    it('validates a value read from a file like any other, and hides passwords', () => {
      expect(() =>
        loadConfig(BackendServiceConfig, {
          ...validBackendEnv,
          DB_PASSWORD: undefined,
          DB_PASSWORD_FILE: secret('empty', '\n'),
        }),
      ).toThrow(/DB_PASSWORD=\(hidden\)/);
      expect(() =>
        loadConfig(BackendServiceConfig, {
          ...validBackendEnv,
          PORT_FILE: secret('port', 'eighty'),
        }),
      ).toThrow(/PORT="eighty"/);
    });

    it('applies to required settings that have no default', () => {
      class Custom {
        @IsString() readonly TOKEN!: string;
      }
      expect(loadConfig(Custom, { TOKEN_FILE: secret('token', 'abc') })).toEqual({ TOKEN: 'abc' });
    });
  });
});
