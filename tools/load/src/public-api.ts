import type { PublicApi } from '@shop/contracts';

type Paths = PublicApi.paths;

/**
 * The JSON body a public operation answers with, from the types generated out of the published
 * OpenAPI (`npm run api:types`): the load tool's view of the API is the services' own document,
 * so a drift between them is a type error here.
 */
export type ResponseOf<
  P extends keyof Paths,
  M extends 'get' | 'post' | 'put' | 'delete',
  S extends number,
> = Paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer Body } }
      ? Body
      : never
    : never
  : never;

export type ProductPage = ResponseOf<'/api/catalog/products', 'get', 200>;
export type LoginResult = ResponseOf<'/api/accounts/login', 'post', 200>;
export type PlacedOrder = ResponseOf<'/api/cart/checkout', 'post', 202>;
export type Order = ResponseOf<'/api/orders/{id}', 'get', 200>;
