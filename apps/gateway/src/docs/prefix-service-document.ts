import type { OpenAPIObject } from '@nestjs/swagger';
import { decideRoute } from '../proxy/domain/public-routes';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/**
 * Re-roots a service's OpenAPI document under `/api/<service>`, keeps only the operations the
 * gateway forwards (its public routes: a service's internal routes are not published), and
 * namespaces its schemas (`catalog.ProductResponse`) so two services' DTOs of the same name
 * cannot collide.
 */
export function prefixServiceDocument(service: string, document: OpenAPIObject): OpenAPIObject {
  const schemaNames = Object.keys(document.components?.schemas ?? {});
  let text = JSON.stringify({
    paths: document.paths ?? {},
    schemas: document.components?.schemas ?? {},
  });
  for (const name of schemaNames) {
    text = text
      .split(`"#/components/schemas/${name}"`)
      .join(`"#/components/schemas/${service}.${name}"`);
  }
  const { paths, schemas } = JSON.parse(text) as {
    paths: OpenAPIObject['paths'];
    schemas: Record<string, unknown>;
  };
  return {
    openapi: document.openapi,
    info: document.info,
    paths: Object.fromEntries(
      Object.entries(paths)
        .map(([path, item]) => {
          const publicPath = path === '/' ? `/api/${service}` : `/api/${service}${path}`;
          return [publicPath, publicOperations(publicPath, item)] as const;
        })
        .filter(([, item]) => Object.keys(item).some((key) => METHODS.includes(key as never))),
    ),
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [`${service}.${name}`, schema]),
      ),
    } as OpenAPIObject['components'],
  };
}

/** The operations of a path item that the gateway forwards (path-level fields kept). */
function publicOperations(path: string, item: object): Record<string, unknown> {
  const concrete = path.replace(/\{[^}]+\}/g, SAMPLE_ID);
  return Object.fromEntries(
    Object.entries(item).filter(
      ([key]) =>
        !METHODS.includes(key as never) ||
        decideRoute(key.toUpperCase(), concrete).kind === 'forward',
    ),
  );
}
