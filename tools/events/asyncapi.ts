// `npm run events:docs`: writes docs/events/asyncapi.json, the AsyncAPI document of every event
// contract in libs/contracts (EVENT_CONTRACTS). Refuses to publish a version whose schema
// changed incompatibly since the committed document (a breaking change is a new version).
// `-- --check`: only says whether the committed document is current (exit 1 if not).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  breakingSincePublished,
  buildAsyncApi,
  EVENT_CONTRACTS,
  type AsyncApiDocument,
} from '@shop/contracts';

const ROOT = join(__dirname, '../..');
export const ASYNCAPI_FILE = join(ROOT, 'docs/events/asyncapi.json');

/** The document as the contracts say now. */
export function currentAsyncApi(): AsyncApiDocument {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return buildAsyncApi(EVENT_CONTRACTS, version);
}

function main(check: boolean): void {
  const next = currentAsyncApi();
  const text = `${JSON.stringify(next, null, 2)}\n`;
  const committed = existsSync(ASYNCAPI_FILE) ? readFileSync(ASYNCAPI_FILE, 'utf8') : undefined;
  if (committed) {
    const breaking = breakingSincePublished(JSON.parse(committed) as AsyncApiDocument, next);
    if (breaking.length > 0) {
      process.stderr.write(
        `events: breaking changes to published versions (give them a new version instead):\n  ${breaking.join('\n  ')}\n`,
      );
      process.exit(1);
    }
  }
  if (check) {
    if (committed !== text) {
      process.stderr.write(`events: ${ASYNCAPI_FILE} is not current: run npm run events:docs\n`);
      process.exit(1);
    }
    process.stdout.write(`events: ${ASYNCAPI_FILE} is current\n`);
    return;
  }
  writeFileSync(ASYNCAPI_FILE, text);
  process.stdout.write(
    `events: wrote ${ASYNCAPI_FILE} (${EVENT_CONTRACTS.length} event versions)\n`,
  );
}

if (require.main === module) main(process.argv.includes('--check'));
