import { ConfigValidationError } from '@shop/platform/config';
import { loadOrdersConfig } from './orders.config';

const env = { DB_NAME: 'orders', DB_USER: 'orders', DB_PASSWORD: 'secret' };

describe('orders config', () => {
  it('ends every order within 15 minutes by default, looking every 5 s', () => {
    const config = loadOrdersConfig(env);
    expect(config.ORDER_DEADLINE_SECONDS).toBe(900);
    expect(config.ORDER_DEADLINE_SWEEP_MS).toBe(5_000);
  });

  it('reads the deadline and sweep interval from the environment', () => {
    const config = loadOrdersConfig({
      ...env,
      ORDER_DEADLINE_SECONDS: '60',
      ORDER_DEADLINE_SWEEP_MS: '250',
    });
    expect(config.ORDER_DEADLINE_SECONDS).toBe(60);
    expect(config.ORDER_DEADLINE_SWEEP_MS).toBe(250);
  });

  it.each([
    ['ORDER_DEADLINE_SECONDS', 'soon'],
    ['ORDER_DEADLINE_SECONDS', '0'],
    ['ORDER_DEADLINE_SWEEP_MS', '10'],
  ])('refuses to start with %s=%s, naming it', (name, value) => {
    expect(() => loadOrdersConfig({ ...env, [name]: value })).toThrow(ConfigValidationError);
    expect(() => loadOrdersConfig({ ...env, [name]: value })).toThrow(name);
  });
});
