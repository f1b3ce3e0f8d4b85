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
    expect(Object.keys(prefixed.paths)).toEqual(['/api/accounts/login', '/api/accounts/me']);
    expect(Object.keys(prefixed.paths['/api/accounts/me'])).toEqual(['get']);
  });

  it('declares who may call each operation and every error it can answer, in the error schema', () => {
    const op = { responses: { '200': { description: 'ok' } } };
    const document = {
      openapi: '3.0.0',
      info: { title: 'catalog', version: '1' },
      paths: {
        '/products': {
          get: op,
          post: {
            ...op,
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Create' } } },
            },
          },
        },
      },
      components: {
        schemas: {
          Create: { type: 'object', properties: { tags: { $ref: '#/components/schemas/Tags' } } },
          Tags: { type: 'object' },
          Product: { type: 'object' },
        },
      },
    } as unknown as OpenAPIObject;
    const prefixed = prefixServiceDocument('catalog', document);
    const item = prefixed.paths['/api/catalog/products'];
    expect(item.get?.security).toEqual([]);
    expect(Object.keys(item.get?.responses ?? {})).toEqual(['200', '400', '503']);
    expect(item.post?.security).toEqual([{ bearer: [] }]);
    expect(item.post?.['x-required-role' as never]).toBe('admin');
    expect(Object.keys(item.post?.responses ?? {}).sort()).toEqual(
      ['200', '400', '401', '403', '409', '413', '503'].sort(),
    );
    expect(item.post?.responses['409']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    });
    const schemas = prefixed.components?.schemas as Record<string, Record<string, unknown>>;
    expect(schemas['catalog.Create']['additionalProperties']).toBe(false);
    expect(schemas['catalog.Tags']['additionalProperties']).toBe(false);
    expect(schemas['catalog.Product']['additionalProperties']).toBeUndefined();
  });
});
