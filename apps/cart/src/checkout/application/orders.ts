import type { OrderLine, OrderView, PaymentInput } from '@shop/contracts';

export interface OrderRequest {
  /** The caller's own `authorization` header: orders places the order as that user. */
  readonly authorization: string;
  /** Sent along, so a retried checkout is the same order. */
  readonly idempotencyKey: string | undefined;
  readonly items: readonly OrderLine[];
  readonly payment: PaymentInput;
}

/** Orders' answer: the order placed (202), or refused (a 4xx, with orders' own error body). */
export type OrderPlacement =
  | { readonly placed: true; readonly order: OrderView }
  | { readonly placed: false; readonly status: number; readonly body: Record<string, unknown> };

/**
 * Places an order with orders (a port: the adapter is clients/http-orders.client.ts). Throws
 * CartException.ordersUnavailable when orders cannot answer.
 */
export abstract class Orders {
  abstract place(request: OrderRequest): Promise<OrderPlacement>;
}
