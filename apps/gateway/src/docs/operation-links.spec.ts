import type { OpenAPIObject } from '@nestjs/swagger';
import { addOperationLinks } from './operation-links';

describe('addOperationLinks', () => {
  it('links a placed order to its status, stream and payments, by operationId', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 'shop', version: '1' },
      paths: {
        '/api/orders': { post: { operationId: 'place', responses: { '202': {} } } },
        '/api/orders/{id}': { get: { operationId: 'getOrder', responses: {} } },
        '/api/payments': { get: { operationId: 'listPayments', responses: {} } },
      },
    } as unknown as OpenAPIObject;
    addOperationLinks(document);
    const links = (document.paths['/api/orders'].post?.responses['202'] as { links: unknown })
      .links;
    expect(links).toEqual({
      GetOrder: { operationId: 'getOrder', parameters: { id: '$response.body#/id' } },
      OrderPayments: { operationId: 'listPayments', parameters: { orderId: '$response.body#/id' } },
    });
  });
});
