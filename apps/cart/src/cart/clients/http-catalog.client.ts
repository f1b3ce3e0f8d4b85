import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ProductView } from '@shop/contracts';
import { ServiceClient } from '@shop/platform/http-client';
import { CartConfig } from '../../config/cart.config';
import { Catalog } from '../application/catalog';
import { CartException } from '../domain/cart.exception';
import { isUuid } from '@shop/contracts';

/** Catalog queries over REST (a price lookup is a query), balanced over catalog's replicas. */
@Injectable()
export class HttpCatalogClient extends Catalog implements OnApplicationShutdown {
  private readonly catalog: ServiceClient;

  constructor(config: CartConfig) {
    super();
    this.catalog = new ServiceClient('catalog', {
      baseUrl: config.CATALOG_URL,
      timeoutMs: config.CATALOG_TIMEOUT_MS,
    });
  }

  async product(productId: string): Promise<ProductView> {
    if (!isUuid(productId)) throw CartException.unknownProduct(productId);
    const response = await this.catalog
      .send({
        method: 'GET',
        path: `/products/${productId}`,
        headers: { accept: 'application/json' },
      })
      .catch(() => {
        throw CartException.catalogUnavailable();
      });
    if (response.statusCode === 404) {
      await response.body.dump();
      throw CartException.unknownProduct(productId);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw CartException.catalogUnavailable();
    }
    return (await response.body.json()) as ProductView;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.catalog.close();
  }
}
