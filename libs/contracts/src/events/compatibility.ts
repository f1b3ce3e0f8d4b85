import type { AsyncApiDocument, JsonSchema } from './asyncapi';

const IGNORED = new Set(['description', 'title', 'examples']);

/**
 * What makes `next` break readers or writers of `published` (one event version's payload): a
 * field removed, a field newly required or no longer required, or any change to a field's type,
 * format, bounds, pattern or allowed values (consumers validate them: a widened enum is parked
 * by a consumer that reads the old one). A new optional field is the only compatible change
 * (consumers drop fields they do not know). Anything listed here needs a new version instead.
 */
export function breakingChanges(
  published: JsonSchema,
  next: JsonSchema,
  path = 'payload',
): string[] {
  const problems: string[] = [];
  const keywords = new Set([...Object.keys(published), ...Object.keys(next)]);
  for (const keyword of keywords) {
    if (IGNORED.has(keyword) || keyword === 'properties' || keyword === 'required') continue;
    if (keyword === 'items' && isSchema(published['items']) && isSchema(next['items'])) {
      problems.push(...breakingChanges(published['items'], next['items'], `${path}[]`));
      continue;
    }
    if (JSON.stringify(published[keyword]) !== JSON.stringify(next[keyword])) {
      problems.push(
        `${path}: ${keyword} ${JSON.stringify(published[keyword])} -> ${JSON.stringify(next[keyword])}`,
      );
    }
  }
  const before = (published['properties'] ?? {}) as Record<string, JsonSchema>;
  const after = (next['properties'] ?? {}) as Record<string, JsonSchema>;
  const requiredBefore = new Set((published['required'] ?? []) as string[]);
  const requiredAfter = new Set((next['required'] ?? []) as string[]);
  for (const [name, schema] of Object.entries(before)) {
    const now = after[name];
    if (!now) problems.push(`${path}.${name}: removed`);
    else problems.push(...breakingChanges(schema, now, `${path}.${name}`));
    if (requiredBefore.has(name) && now && !requiredAfter.has(name))
      problems.push(`${path}.${name}: no longer required`);
  }
  for (const name of Object.keys(after)) {
    if (!(name in before) && requiredAfter.has(name))
      problems.push(`${path}.${name}: new and required`);
  }
  return problems;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type PublishedMessage = { title: string; payload: { properties: { payload: JsonSchema } } };

/** Every incompatible change of a published event version, and every published version gone. */
export function breakingSincePublished(
  published: AsyncApiDocument,
  next: AsyncApiDocument,
): string[] {
  const before = published.components.messages as Record<string, PublishedMessage>;
  const after = next.components.messages as Record<string, PublishedMessage>;
  return Object.entries(before).flatMap(([id, message]) => {
    const now = after[id];
    if (!now) return [`${message.title}: published, and gone`];
    return breakingChanges(message.payload.properties.payload, now.payload.properties.payload).map(
      (problem) => `${message.title}: ${problem}`,
    );
  });
}
