import type { ErrorResponse } from '@shop/contracts';

/** The parts of the shop a request can find unavailable (the gateway's services, or itself). */
export type ShopPart = 'accounts' | 'catalog' | 'cart' | 'orders' | 'payments' | 'system' | 'shop';

const PARTS: readonly ShopPart[] = ['accounts', 'catalog', 'cart', 'orders', 'payments', 'system'];

/** How the storefront names each part to a shopper. */
export const PART_NAMES: Readonly<Record<ShopPart, string>> = {
  accounts: 'Sign-in and accounts',
  catalog: 'The catalog',
  cart: 'The cart',
  orders: 'Orders',
  payments: 'Payments',
  system: 'The system map',
  shop: 'The shop',
};

/**
 * A failed call: an HTTP error answered by the gateway or a service, or none at all (`status`
 * 0: the network failed or the wait ran out).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The contract's machine code (`UPSTREAM_UNAVAILABLE`, ...), or NETWORK / TIMEOUT. */
    readonly code: string | undefined,
    /** The part of the shop the request was for. */
    readonly part: ShopPart,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The part answered that it cannot serve now (a 503 from the gateway), or did not answer. */
  get unavailable(): boolean {
    return this.status === 503 || this.status === 0 || this.status === 502 || this.status === 504;
  }
}

/** The part a gateway path belongs to: `/api/<service>/...`. */
export function partOfPath(path: string): ShopPart {
  const [, api, service] = path.split('?')[0].split('/');
  return api === 'api' && (PARTS as readonly string[]).includes(service)
    ? (service as ShopPart)
    : 'shop';
}

const UNAVAILABLE_WHY: Readonly<Record<string, string>> = {
  UPSTREAM_UNAVAILABLE: 'it cannot be reached',
  UPSTREAM_TIMEOUT: 'it did not answer in time',
  UPSTREAM_CIRCUIT_OPEN:
    'it has been failing, so the gateway is giving it a few seconds to recover',
  TIMEOUT: 'it did not answer in time',
  NETWORK: 'the shop could not be reached',
};

/** The part in a list ("Unavailable right now: catalog, payments"). */
export const PART_SHORT_NAMES: Readonly<Record<ShopPart, string>> = {
  accounts: 'sign-in',
  catalog: 'catalog',
  cart: 'cart',
  orders: 'orders',
  payments: 'payments',
  system: 'system map',
  shop: 'shop',
};

/** The error as a shopper reads it. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError))
    return error instanceof Error ? error.message : 'Something went wrong.';
  if (error.unavailable) {
    const why = UNAVAILABLE_WHY[error.code ?? ''] ?? 'it is not answering';
    return `${PART_NAMES[error.part]} is unavailable right now: ${why}. Try again in a moment.`;
  }
  if (error.status === 401) return 'Please log in again.';
  if (error.status === 429) return `Too many attempts: ${error.message}`;
  return /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
}

/** Builds the ApiError for a non-2xx answer from its (possibly non-JSON) body. */
export function errorFromResponse(status: number, body: unknown, path: string): ApiError {
  const parsed =
    typeof body === 'object' && body !== null ? (body as Partial<ErrorResponse>) : undefined;
  const message =
    typeof parsed?.message === 'string'
      ? parsed.message
      : Array.isArray(parsed?.message)
        ? (parsed.message as unknown[]).join('; ')
        : `HTTP ${status}`;
  return new ApiError(
    status,
    message,
    typeof parsed?.code === 'string' ? parsed.code : undefined,
    partOfPath(path),
  );
}
