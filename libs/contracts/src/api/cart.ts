/** Cart resources (docs/api.md, "Cart"). */
export interface CartItemView {
  readonly productId: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface CartView {
  readonly items: CartItemView[];
  readonly totalCents: number;
  readonly currency: string;
}

export const CART_MAX_LINES = 50;
export const CART_MAX_QUANTITY = 100;
