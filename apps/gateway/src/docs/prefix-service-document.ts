import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Re-roots a service's OpenAPI document under `/api/<service>` and namespaces its schemas
 * (`catalog.ProductResponse`) so two services' DTOs of the same name cannot collide.
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
      Object.entries(paths).map(([path, item]) => [
        path === '/' ? `/api/${service}` : `/api/${service}${path}`,
        item,
      ]),
    ),
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [`${service}.${name}`, schema]),
      ),
    } as OpenAPIObject['components'],
  };
}
