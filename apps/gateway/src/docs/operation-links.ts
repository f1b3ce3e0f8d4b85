import type { OpenAPIObject } from '@nestjs/swagger';

interface Link {
  readonly from: { readonly path: string; readonly method: string; readonly status: string };
  readonly name: string;
  readonly to: { readonly path: string; readonly method: string };
  readonly parameters: Record<string, string>;
}

const ORDER_LINKS = (path: string, status: string): Link[] => [
  {
    from: { path, method: 'post', status },
    name: 'GetOrder',
    to: { path: '/api/orders/{id}', method: 'get' },
    parameters: { id: '$response.body#/id' },
  },
  {
    from: { path, method: 'post', status },
    name: 'OrderEvents',
    to: { path: '/api/orders/{id}/events', method: 'get' },
    parameters: { id: '$response.body#/id' },
  },
  {
    from: { path, method: 'post', status },
    name: 'OrderPayments',
    to: { path: '/api/payments', method: 'get' },
    parameters: { orderId: '$response.body#/id' },
  },
];

/**
 * OpenAPI links from the operations that create or list resources to those that read them, so
 * clients (and a stateful fuzzer) can follow whole flows: a placed order to its status, stream
 * and payments; a product to its page, its stock and a cart line; a cart line to its removal.
 */
const LINKS: readonly Link[] = [
  ...ORDER_LINKS('/api/orders', '202'),
  ...ORDER_LINKS('/api/cart/checkout', '202'),
  {
    from: { path: '/api/orders', method: 'get', status: '200' },
    name: 'GetFirstOrder',
    to: { path: '/api/orders/{id}', method: 'get' },
    parameters: { id: '$response.body#/items/0/id' },
  },
  {
    from: { path: '/api/catalog/products', method: 'post', status: '201' },
    name: 'GetProduct',
    to: { path: '/api/catalog/products/{id}', method: 'get' },
    parameters: { id: '$response.body#/id' },
  },
  {
    from: { path: '/api/catalog/products', method: 'post', status: '201' },
    name: 'SetStock',
    to: { path: '/api/catalog/products/{id}/stock', method: 'put' },
    parameters: { id: '$response.body#/id' },
  },
  {
    from: { path: '/api/catalog/products', method: 'get', status: '200' },
    name: 'GetFirstProduct',
    to: { path: '/api/catalog/products/{id}', method: 'get' },
    parameters: { id: '$response.body#/items/0/id' },
  },
  {
    from: { path: '/api/catalog/products', method: 'get', status: '200' },
    name: 'PutFirstProductInCart',
    to: { path: '/api/cart/items/{productId}', method: 'put' },
    parameters: { productId: '$response.body#/items/0/id' },
  },
  {
    from: { path: '/api/cart/items/{productId}', method: 'put', status: '200' },
    name: 'RemoveCartLine',
    to: { path: '/api/cart/items/{productId}', method: 'delete' },
    parameters: { productId: '$request.path.productId' },
  },
];

type Operations = Record<
  string,
  { operationId?: string; responses?: Record<string, { links?: Record<string, unknown> }> }
>;

/** Adds the links whose both ends are in the document (a service that is down is left out). */
export function addOperationLinks(document: OpenAPIObject): void {
  const paths = document.paths as unknown as Record<string, Operations>;
  for (const link of LINKS) {
    const response = paths[link.from.path]?.[link.from.method]?.responses?.[link.from.status];
    const target = paths[link.to.path]?.[link.to.method];
    if (!response || !target?.operationId) continue;
    response.links = {
      ...(response.links ?? {}),
      [link.name]: { operationId: target.operationId, parameters: link.parameters },
    };
  }
}
