import { Socket } from 'node:net';
import type { Lab, LabContext } from '../lab';
import type { Check } from '../narrator';
import { request } from '../shop';

/** What `docker compose ps --format json` says of a container's ports. */
interface PsEntry {
  readonly Service: string;
  readonly Name: string;
  readonly Publishers?: { TargetPort: number; PublishedPort: number }[] | null;
}

/** Compose prints one JSON object per line (2.21+) or one array (older): both are read. */
export function parsePs(output: string): PsEntry[] {
  const text = output.trim();
  if (!text) return [];
  if (text.startsWith('[')) return JSON.parse(text) as PsEntry[];
  return text.split('\n').map((line) => JSON.parse(line) as PsEntry);
}

/** service → the container ports it publishes on the host. */
export function publishedPorts(entries: readonly PsEntry[]): Map<string, number[]> {
  const ports = new Map<string, number[]>();
  for (const e of entries) {
    const published = (e.Publishers ?? [])
      .filter((p) => p.PublishedPort > 0)
      .map((p) => p.TargetPort);
    ports.set(e.Service, [...new Set([...(ports.get(e.Service) ?? []), ...published])]);
  }
  return ports;
}

/** Does anything accept a TCP connection on host:port within a second? */
function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** Node one-liners run inside the gateway container: what a service sees on the network. */
const INSIDE: readonly [string, string][] = [
  ['catalog', 'fetch("http://catalog:3000/health/ready").then((r) => console.log(r.status))'],
  [
    'dns',
    'require("node:dns").promises.lookup("catalog", { all: true }).then((a) => console.log(a.map((x) => x.address).join(" ")))',
  ],
  ...['postgres:5432', 'kafka:9092'].map((target): [string, string] => [
    target,
    `const s = require("node:net").connect(${target.split(':')[1]}, "${target.split(':')[0]}", () => { console.log("open"); s.destroy(); }); s.on("error", (e) => console.log(e.code))`,
  ]),
];

export const networkLab: Lab = {
  name: 'network',
  summary:
    'only the gateway is published: the host cannot reach services, Postgres or Kafka; inside the compose network, catalog:3000 answers',
  minutes: 0.5,
  async run({ stack, narrator }: LabContext): Promise<Check[]> {
    const checks: Check[] = [];

    narrator.begin(
      'Which containers publish a port on the host?',
      "Compose publishes only what a service lists under `ports:`; here that is the gateway's 8080.\nEvery other container is reachable only on the stack's own network.",
    );
    const ps = parsePs(await stack.compose(['ps', '--format', 'json']));
    const ports = publishedPorts(ps);
    for (const [service, list] of [...ports].sort()) {
      narrator.show(`${service.padEnd(9)} ${list.length ? `publishes ${list.join(', ')}` : '-'}`);
    }
    const publishing = [...ports].filter(([, list]) => list.length > 0);
    checks.push({
      name: 'only the gateway publishes a port, and only 8080',
      ok:
        publishing.length === 1 &&
        publishing[0][0] === 'gateway' &&
        publishing[0][1].join() === '8080' &&
        ports.size >= 8,
      detail: `${ports.size} services; publishing: ${publishing.map(([s, l]) => `${s}:${l.join('/')}`).join(' ') || 'none'}`,
    });

    narrator.begin(
      'From the host: the services, Postgres and Kafka ports',
      'A connection to localhost on their ports is refused: nothing listens there.',
    );
    const fromHost: [string, number][] = [
      ['a service (3000)', 3000],
      ['Postgres (5432)', 5432],
      ['Kafka (9092)', 9092],
    ];
    for (const [what, port] of fromHost) {
      const open = await tcpOpen('127.0.0.1', port);
      narrator.show(
        `127.0.0.1:${port} ${what}: ${open ? 'OPEN (something else on this host listens there: no container of this stack publishes it)' : 'refused'}`,
      );
    }
    const gatewayOpen = await tcpOpen('127.0.0.1', stack.port);
    narrator.show(`127.0.0.1:${stack.port} the gateway: ${gatewayOpen ? 'open' : 'refused'}`);
    checks.push({
      name: 'the host reaches the gateway on its published port',
      ok: gatewayOpen,
      detail: `127.0.0.1:${stack.port} ${gatewayOpen ? 'open' : 'refused'}`,
    });

    narrator.begin(
      'From inside the compose network (in the gateway container)',
      "Services find each other by name through Docker's DNS: catalog:3000, postgres:5432,\nkafka:9092. With --scale, the name resolves to every replica.",
    );
    const inside = new Map<string, string>();
    for (const [what, script] of INSIDE) {
      const output = await stack
        .compose(['exec', '-T', 'gateway', 'node', '-e', script])
        .catch((error: Error & { stdout?: string }) => error.stdout || error.message);
      inside.set(what, output.trim());
      narrator.show(output);
    }
    checks.push({
      name: 'inside the network, catalog:3000 answers by name',
      ok: inside.get('catalog') === '200',
      detail: `GET http://catalog:3000/health/ready: ${inside.get('catalog')}; catalog is ${inside.get('dns')}`,
    });
    checks.push({
      name: 'inside the network, Postgres and Kafka accept connections',
      ok: inside.get('postgres:5432') === 'open' && inside.get('kafka:9092') === 'open',
      detail: `postgres:5432 ${inside.get('postgres:5432')}, kafka:9092 ${inside.get('kafka:9092')}`,
    });

    narrator.begin(
      'Internal routes are not reachable through the gateway',
      "The gateway proxies only each service's public API. A service's /health/ready and\n/metrics (for its healthcheck and a scraper on the network) are not routes of the gateway.\n(The gateway's own /health/* and /metrics answer on its port: they are its, not the services'.)",
    );
    const internal = [
      '/api/catalog/health/ready',
      '/api/catalog/metrics',
      '/api/orders/health/ready',
      '/api/payments/metrics',
    ];
    for (const path of internal) {
      narrator.command([
        'curl',
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        `${stack.gateway}${path}`,
      ]);
      const answer = await request(stack.gateway, 'GET', path);
      narrator.show(String(answer.status));
      checks.push({
        name: `${path} is not reachable through the gateway`,
        ok: answer.status === 404,
        detail: `HTTP ${answer.status}`,
      });
    }
    const health = await request(stack.gateway, 'GET', '/api/health');
    narrator.show(`while the public summary GET /api/health answers ${health.status}`);
    return checks;
  },
};
