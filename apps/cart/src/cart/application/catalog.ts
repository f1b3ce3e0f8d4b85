import type { ProductView } from '@shop/contracts';

/**
 * What the cart asks catalog (a port: the adapter is clients/http-catalog.client.ts). Throws
 * CartException.unknownProduct for a product catalog does not have, and
 * CartException.catalogUnavailable when catalog cannot answer.
 */
export abstract class Catalog {
  abstract product(productId: string): Promise<ProductView>;
}
