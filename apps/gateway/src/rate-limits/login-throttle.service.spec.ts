import type { GatewayConfig } from '../config/gateway.config';
import { LoginThrottleService } from './login-throttle.service';

const config = { LOGIN_FAILURES_MAX: 3, LOGIN_FAILURES_WINDOW_SECONDS: 60 } as GatewayConfig;
const HOME = '10.0.0.1';
const ATTACKER = '10.0.0.66';

describe('LoginThrottleService', () => {
  it('throttles an account from one address after the allowed failures, only that account', async () => {
    const throttle = new LoginThrottleService(config);
    for (let i = 0; i < 3; i++) {
      expect(await throttle.retryAfterSeconds('Ada@Example.com', HOME)).toBe(0);
      await throttle.recordFailure('ada@example.com ', HOME);
    }
    const wait = await throttle.retryAfterSeconds('ada@example.com', HOME);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await throttle.retryAfterSeconds('grace@example.com', HOME)).toBe(0);
  });

  it("never locks the account's owner out from another address", async () => {
    const throttle = new LoginThrottleService(config);
    for (let i = 0; i < 10; i++) await throttle.recordFailure('admin@example.com', ATTACKER);
    expect(await throttle.retryAfterSeconds('admin@example.com', ATTACKER)).toBeGreaterThan(0);
    expect(await throttle.retryAfterSeconds('admin@example.com', HOME)).toBe(0);
  });

  it('forgets the failures after a successful login', async () => {
    const throttle = new LoginThrottleService(config);
    await throttle.recordFailure('ada@example.com', HOME);
    await throttle.recordFailure('ada@example.com', HOME);
    await throttle.recordSuccess('ada@example.com', HOME);
    await throttle.recordFailure('ada@example.com', HOME);
    await throttle.recordFailure('ada@example.com', HOME);
    expect(await throttle.retryAfterSeconds('ada@example.com', HOME)).toBe(0);
  });

  it('keeps counting past the limit without failing', async () => {
    const throttle = new LoginThrottleService(config);
    for (let i = 0; i < 6; i++) await throttle.recordFailure('ada@example.com', HOME);
    expect(await throttle.retryAfterSeconds('ada@example.com', HOME)).toBeGreaterThan(0);
  });
});
