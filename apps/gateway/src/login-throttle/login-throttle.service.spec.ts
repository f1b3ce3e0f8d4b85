import type { GatewayConfig } from '../config/gateway.config';
import { LoginThrottleService } from './login-throttle.service';

const config = { LOGIN_FAILURES_MAX: 3, LOGIN_FAILURES_WINDOW_SECONDS: 60 } as GatewayConfig;

describe('LoginThrottleService', () => {
  it('throttles an account after the allowed failures, only that account', async () => {
    const throttle = new LoginThrottleService(config);
    for (let i = 0; i < 3; i++) {
      expect(await throttle.retryAfterSeconds('Ada@Example.com')).toBe(0);
      await throttle.recordFailure('ada@example.com ');
    }
    const wait = await throttle.retryAfterSeconds('ada@example.com');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await throttle.retryAfterSeconds('grace@example.com')).toBe(0);
  });

  it('forgets the failures after a successful login', async () => {
    const throttle = new LoginThrottleService(config);
    await throttle.recordFailure('ada@example.com');
    await throttle.recordFailure('ada@example.com');
    await throttle.recordSuccess('ada@example.com');
    await throttle.recordFailure('ada@example.com');
    await throttle.recordFailure('ada@example.com');
    expect(await throttle.retryAfterSeconds('ada@example.com')).toBe(0);
  });

  it('keeps counting past the limit without failing', async () => {
    const throttle = new LoginThrottleService(config);
    for (let i = 0; i < 6; i++) await throttle.recordFailure('ada@example.com');
    expect(await throttle.retryAfterSeconds('ada@example.com')).toBeGreaterThan(0);
  });
});
