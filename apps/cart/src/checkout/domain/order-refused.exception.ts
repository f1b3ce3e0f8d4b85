/**
 * Orders refused the order (bad payment, reused Idempotency-Key, ...). Its answer, status and
 * error body, is passed on to the caller as it is (api/order-refused.filter.ts).
 */
export class OrderRefusedException extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`orders refused the order (${status})`);
    this.name = OrderRefusedException.name;
  }
}
