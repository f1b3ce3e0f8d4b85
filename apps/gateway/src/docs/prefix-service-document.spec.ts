import type { OpenAPIObject } from '@nestjs/swagger';
import { prefixServiceDocument } from './prefix-service-document';

describe('prefixServiceDocument', () => {
  it('re-roots paths under /api/<service> and namespaces schemas and their references', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 'catalog', version: '1' },
      paths: {
        '/products': {
          get: {
            responses: {
              '200': {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Page: {
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: '#/components/schemas/Product' } },
            },
          },
          Product: { type: 'object' },
        },
      },
    } as unknown as OpenAPIObject;
    const prefixed = prefixServiceDocument('catalog', document);
    expect(Object.keys(prefixed.paths)).toEqual(['/api/catalog/products']);
    expect(Object.keys(prefixed.components?.schemas ?? {})).toEqual([
      'catalog.Page',
      'catalog.Product',
    ]);
    expect(JSON.stringify(prefixed)).toContain('"#/components/schemas/catalog.Product"');
    expect(JSON.stringify(prefixed)).not.toContain('"#/components/schemas/Product"');
  });

  it('publishes only the operations the gateway forwards', () => {
    const op = { responses: { '200': { description: 'ok' } } };
    const document = {
      openapi: '3.0.0',
      info: { title: 'accounts', version: '1' },
      paths: {
        '/login': { post: op },
        '/me': { get: op, delete: op },
        '/.well-known/jwks.json': { get: op },
        '/health/ready': { get: op },
      },
    } as unknown as OpenAPIObject;
    const prefixed = prefixServiceDocument('accounts', document);
    expect(prefixed.paths).toEqual({
      '/api/accounts/login': { post: op },
      '/api/accounts/me': { get: op },
    });
  });
});
