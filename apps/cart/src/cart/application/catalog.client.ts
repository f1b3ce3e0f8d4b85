import { Injectable } from '@nestjs/common';
import type { ProductView } from '@shop/contracts';
import { CartConfig } from '../../config/cart.config';
import { CartException } from '../cart.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Catalog queries over REST (commands travel as events; a price lookup is a query). */
@Injectable()
export class CatalogClient {
  constructor(private readonly config: CartConfig) {}

  async product(productId: string): Promise<ProductView> {
    if (!UUID.test(productId)) throw CartException.unknownProduct(productId);
    let response: Response;
    try {
      response = await fetch(new URL(`/products/${productId}`, this.config.CATALOG_URL), {
        signal: AbortSignal.timeout(this.config.CATALOG_TIMEOUT_MS),
      });
    } catch {
      throw CartException.catalogUnavailable();
    }
    if (response.status === 404) throw CartException.unknownProduct(productId);
    if (!response.ok) throw CartException.catalogUnavailable();
    return (await response.json()) as ProductView;
  }
}
