// The storefront's container: serves the built single-page app (dist/apps/storefront/public) on
// PORT (3000), nothing else. No dependencies: node:http, every file read into memory (and
// gzipped) at start, so a request never touches the (read-only) filesystem. Any path that is not
// a file gets index.html (the app routes on the client); hashed assets are cached for a year.
// `/health/live` and `/health/ready` answer 200 for the container's healthcheck.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const root =
  process.env.STATIC_ROOT ??
  join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'public');
const port = Number(process.env.PORT ?? 3000);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// The page loads only its own scripts and styles, talks only to its own origin (the gateway).
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** path ("/assets/x.js") -> { body, gzip, type, immutable } */
const files = new Map();
function load(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      load(full);
      continue;
    }
    const body = readFileSync(full);
    const type = TYPES[extname(name)] ?? 'application/octet-stream';
    const path = `/${relative(root, full).split(sep).join('/')}`;
    const gzip =
      /^(text|application\/json|image\/svg)/.test(type) && body.length > 512
        ? gzipSync(body, { level: 9 })
        : null;
    files.set(path, { body, gzip, type, immutable: path.startsWith('/assets/') });
  }
}
load(root);
const index = files.get('/index.html');
if (!index) {
  console.error(`no index.html under ${root}`);
  process.exit(1);
}

function send(request, response, status, file, cache) {
  const gzip = file.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  const body = gzip ? file.gzip : file.body;
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': file.type,
    'content-length': body.length,
    'cache-control': cache,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/health/live' || path === '/health/ready') {
    response.writeHead(200, { 'content-type': 'application/json' });
    return response.end('{"status":"ok"}');
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
    return response.end(
      JSON.stringify({
        statusCode: 405,
        error: 'Method Not Allowed',
        message: `${request.method} is not allowed`,
      }),
    );
  }
  const file = files.get(path);
  if (file && path !== '/index.html')
    return send(
      request,
      response,
      200,
      file,
      file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  // A missing asset is a 404, not the page (a stale hashed name after a deploy, say).
  if (path.startsWith('/assets/')) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return response.end('not found');
  }
  return send(request, response, 200, index, 'no-cache');
});
server.keepAliveTimeout = 65_000;
server.listen(port, () =>
  console.log(JSON.stringify({ msg: 'storefront serving', port, files: files.size })),
);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
