import type { OpenAPIObject } from '@nestjs/swagger';
import { describeSystemMapAccess } from './system-map-docs';

const operation = () => ({
  security: [{ bearer: [] }],
  responses: {
    '200': { description: 'ok' },
    '401': { description: 'x' },
    '403': { description: 'y' },
  },
});
const document = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/system': { get: operation() },
    '/api/system/events': { get: operation() },
    '/api/health': { get: operation() },
  },
});

describe('describeSystemMapAccess', () => {
  it('drops the token and the 401/403 from the map where it is public, and nothing else', () => {
    const described = describeSystemMapAccess(document(), true);
    for (const path of ['/api/system', '/api/system/events']) {
      expect(described.paths[path]?.get?.security).toBeUndefined();
      expect(Object.keys(described.paths[path]?.get?.responses ?? {})).toEqual(['200']);
    }
    expect(described.paths['/api/health']).toEqual(document().paths['/api/health']);
  });

  it('leaves the document as it is where the map is for admins', () => {
    expect(describeSystemMapAccess(document(), false)).toEqual(document());
  });
});
