import type { GatewayConfig } from '../config/gateway.config';
import { AuthRateLimitService } from './auth-rate-limit.service';

describe('AuthRateLimitService', () => {
  it('allows the limit per address, then says how long to wait, for that address only', async () => {
    const limit = new AuthRateLimitService({
      AUTH_RATE_LIMIT: 4,
      AUTH_RATE_WINDOW_SECONDS: 60,
    } as GatewayConfig);
    for (let i = 0; i < 4; i++) expect(await limit.take('10.0.0.1')).toBe(0);
    const wait = await limit.take('10.0.0.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limit.take('10.0.0.2')).toBe(0);
  });
});
