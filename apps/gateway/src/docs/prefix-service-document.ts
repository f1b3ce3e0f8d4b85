import type { OpenAPIObject } from '@nestjs/swagger';
import { NO_NUL_PATTERN } from '@shop/contracts';
import { reasonPhrase } from '@shop/platform/errors';
import { decideRoute, errorStatuses, type PublicRoute } from '../proxy/domain/public-routes';

/** The contract's error body (docs/api.md, "Conventions"), as published. */
export const ERROR_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { type: 'string', description: 'What went wrong; names the offending fields' },
    code: { type: 'string', description: 'A machine-readable code, when there is one' },
  },
} as const;
const ERROR_REF = { $ref: '#/components/schemas/ErrorResponse' };

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
  const prefixedSchemas: Record<string, unknown> = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [`${service}.${name}`, schema]),
  );
  // Unknown body fields are a 400 (docs/api.md), and so is text with a NUL byte: say so on every
  // schema a request body uses.
  for (const name of requestBodySchemas(paths, prefixedSchemas)) {
    const schema = prefixedSchemas[name] as { properties?: Record<string, object> };
    (schema as Record<string, unknown>)['additionalProperties'] = false;
    for (const property of Object.values(schema.properties ?? {})) forbidNul(property);
  }
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
    components: { schemas: prefixedSchemas } as OpenAPIObject['components'],
  };
}

/**
 * The operations of a path item that the gateway forwards (path-level fields kept), each
 * declaring what the edge knows of it: who may call it and every error it can answer.
 */
function publicOperations(path: string, item: object): Record<string, unknown> {
  const concrete = path.replace(/\{[^}]+\}/g, SAMPLE_ID);
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (!METHODS.includes(key as never)) {
      kept[key] = value;
      continue;
    }
    const decision = decideRoute(key.toUpperCase(), concrete);
    if (decision.kind === 'forward')
      kept[key] = describeOperation(value as Operation, decision.contract);
  }
  return kept;
}

interface Operation {
  description?: string;
  parameters?: { in: string; schema?: object }[];
  responses?: Record<string, { description?: string; content?: unknown; headers?: unknown }>;
  security?: unknown;
  [key: string]: unknown;
}

function describeOperation(operation: Operation, route: PublicRoute): Operation {
  const responses = { ...(operation.responses ?? {}) };
  for (const status of errorStatuses(route)) {
    const declared = responses[String(status)];
    responses[String(status)] = {
      description: declared?.description || reasonPhrase(status),
      content: { 'application/json': { schema: ERROR_REF } },
      ...(status === 429
        ? {
            headers: {
              'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
            },
          }
        : {}),
    };
  }
  for (const parameter of operation.parameters ?? []) {
    // Path parameters are ids (UUIDs); text in a query has no NUL byte.
    if (parameter.in === 'path') parameter.schema = { type: 'string', format: 'uuid' };
    if (parameter.in === 'query' && parameter.schema) forbidNul(parameter.schema);
  }
  return {
    ...operation,
    responses,
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    ...(route.access === 'admin'
      ? {
          'x-required-role': 'admin',
          description:
            `Admin only (a token whose roles include "admin"; others get 403). ${operation.description ?? ''}`.trim(),
        }
      : {}),
  };
}

/** Names of the component schemas request bodies use, nested ones included. */
function requestBodySchemas(paths: object, schemas: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  const refsIn = (value: unknown): string[] =>
    [...JSON.stringify(value ?? null).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
  const visit = (name: string) => {
    if (found.has(name) || !(name in schemas)) return;
    found.add(name);
    refsIn(schemas[name]).forEach(visit);
  };
  for (const item of Object.values(paths) as Record<string, { requestBody?: unknown }>[])
    for (const operation of Object.values(item)) refsIn(operation?.requestBody).forEach(visit);
  return found;
}

/** A plain string schema (no pattern, format or enum of its own) gets the no-NUL pattern. */
function forbidNul(schema: object): void {
  const s = schema as Record<string, unknown>;
  if (s['type'] === 'string' && !s['pattern'] && !s['format'] && !s['enum'])
    s['pattern'] = NO_NUL_PATTERN;
}
