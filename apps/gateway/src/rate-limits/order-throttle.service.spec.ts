import type { GatewayConfig } from '../config/gateway.config';
import { OrderThrottleService } from './order-throttle.service';

describe('OrderThrottleService', () => {
  it('lets a user place up to the limit per window, then asks to wait; other users are unaffected', async () => {
    const throttle = new OrderThrottleService({
      ORDER_RATE_LIMIT: 3,
      ORDER_RATE_WINDOW_SECONDS: 10,
    } as GatewayConfig);
    expect([
      await throttle.take('u1'),
      await throttle.take('u1'),
      await throttle.take('u1'),
    ]).toEqual([0, 0, 0]);
    const wait = await throttle.take('u1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(10);
    expect(await throttle.take('u2')).toBe(0);
  });
});
