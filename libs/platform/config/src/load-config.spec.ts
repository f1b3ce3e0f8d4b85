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
});
