import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The system map's operations as this deployment serves them: with SYSTEM_MAP_PUBLIC they take
 * no token and never answer 401 or 403, so the published document must not say they need one.
 */
export function describeSystemMapAccess(document: OpenAPIObject, isPublic: boolean): OpenAPIObject {
  if (!isPublic) return document;
  const paths = { ...document.paths };
  for (const path of ['/api/system', '/api/system/events']) {
    const item = paths[path];
    const get = item?.get;
    if (!item || !get) continue;
    const { security: _security, ...operation } = get;
    const { '401': _unauthorized, '403': _forbidden, ...responses } = get.responses;
    paths[path] = {
      ...item,
      get: {
        ...operation,
        description: 'Open to anyone on this deployment (SYSTEM_MAP_PUBLIC=true).',
        responses,
      },
    };
  }
  return { ...document, paths };
}
