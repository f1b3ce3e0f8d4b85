import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, PLATFORM_SERVICES, SERVICES } from './architecture';
import { hardeningFindings, quantity } from './hardening';
import {
  type K8sObject,
  ROOT,
  VALUE_SETS,
  kubeconform,
  named,
  ofKind,
  render,
  renderError,
  workloads,
} from './manifests';

/* eslint-disable @typescript-eslint/no-explicit-any */

const deployment = (objects: K8sObject[], service: string, release = 'shop') =>
  named(objects, 'Deployment', `${release}-${service}`);
const podSpec = (objects: K8sObject[], service: string, release = 'shop') =>
  deployment(objects, service, release).spec.template.spec;
const envOf = (container: any): Record<string, string> =>
  Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value]));

describe.each(VALUE_SETS)('the chart with the %s values', (set) => {
  const release = set === 'minimal' ? 'demo-shop' : 'shop';
  const objects = () => render({ set });

  it('hardens every container: limits, probes, non-root, read-only root, no capabilities', () => {
    expect(hardeningFindings(objects())).toEqual([]);
  });

  it('runs a Deployment and a Service for each of the seven services', () => {
    const all = objects();
    for (const service of SERVICES) {
      const d = deployment(all, service, release);
      const s = named(all, 'Service', `${release}-${service}`);
      expect(s.spec.selector).toEqual(d.spec.selector.matchLabels);
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
      expect(s.spec.ports[0].targetPort).toBe('http');
      expect(d.spec.template.spec.containers[0].ports[0].name).toBe('http');
    }
  });

  it('migrates before serving: an init container per backend, MIGRATE_ON_START=false everywhere', () => {
    const all = objects();
    for (const service of PLATFORM_SERVICES) {
      const spec = podSpec(all, service, release);
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        expect(envOf(c)['MIGRATE_ON_START']).toBe('false');
      }
      const init = (spec.initContainers ?? []).map((c: any) => [c.name, c.args]);
      expect(init).toEqual(service === 'gateway' ? [] : [['migrate', ['migrate']]]);
      expect(spec.containers[0].args).toEqual(['serve']);
    }
  });

  it('runs the storefront as compose does: its image, its own command, PORT only, nothing mounted, behind the gateway', () => {
    const all = objects();
    const spec = podSpec(all, 'storefront', release);
    const prefix = {
      default: 'shop',
      minimal: 'localhost:5000/shop',
      production: 'registry.example.com/shop',
    }[set];
    const tag = set === 'production' ? '0.1.0' : 'dev';
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers).toHaveLength(1);
    const [c] = spec.containers;
    expect(c.image).toBe(`${prefix}/storefront:${tag}`);
    // docker/storefront.Dockerfile's CMD (node serve.mjs): no `serve` argument, no command
    expect(c.args).toBeUndefined();
    expect(c.command).toBeUndefined();
    expect(c.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
    // no database, Kafka, secrets, OTLP or service URLs: PORT only, as in compose
    expect(c.env).toEqual([{ name: 'PORT', value: '3000' }]);
    expect(c.volumeMounts).toBeUndefined();
    expect(spec.volumes).toBeUndefined();
    expect(
      deployment(all, 'storefront', release).spec.template.metadata.annotations,
    ).toBeUndefined();
    // probes on the routes serve.mjs answers (tried on the real server below)
    expect([c.startupProbe, c.livenessProbe, c.readinessProbe].map((p) => p.httpGet)).toEqual([
      { path: '/health/live', port: 'http' },
      { path: '/health/live', port: 'http' },
      { path: '/health/ready', port: 'http' },
    ]);
    // graceful shutdown like the others: out of the endpoints first, then SIGTERM
    expect(c.lifecycle.preStop.exec.command[0]).toBe('sleep');
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(
      Number(c.lifecycle.preStop.exec.command[1]),
    );
    // smaller than the services, as in compose (0.5 CPU, 96 MiB)
    expect(c.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '500m', memory: '96Mi' },
    });
    // the gateway's STOREFRONT_URL is the storefront's Service
    const gatewayEnv = envOf(podSpec(all, 'gateway', release).containers[0]);
    const service = named(all, 'Service', `${release}-storefront`);
    expect(gatewayEnv['STOREFRONT_URL']).toBe(
      `http://${service.metadata.name}:${service.spec.ports[0].port}`,
    );
    expect(service.spec.type).toBe('ClusterIP');
    // nothing of the chart's for the backends: no password key, no database of its own
    expect(ofKind(all, 'Secret').flatMap((x) => Object.keys(x.data))).not.toContain(
      'storefront-db-password',
    );
    const postgres = ofKind(all, 'StatefulSet').find((x) => x.metadata.name.endsWith('-postgres'));
    if (postgres) {
      expect(JSON.stringify(postgres.spec.template.spec)).not.toContain('storefront');
    }
  });

  it('gives passwords as files only (X_FILE), from a mounted secrets volume of its own keys', () => {
    const all = objects();
    for (const { component, template } of workloads(all)) {
      const spec = template.spec;
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        const env = envOf(c);
        expect(
          Object.keys(env).filter((k) => /PASSWORD$/.test(k) && k !== 'POSTGRES_USER'),
        ).toEqual([]);
        for (const [name, path] of Object.entries(env).filter(([k]) => k.endsWith('_FILE'))) {
          const mount = (c.volumeMounts ?? []).find((m: any) => path.startsWith(`${m.mountPath}/`));
          expect({ component, name, mounted: Boolean(mount) }).toEqual({
            component,
            name,
            mounted: true,
          });
          const volume = spec.volumes.find((v: any) => v.name === mount.name);
          const files = volume.projected.sources.flatMap((s: any) =>
            s.secret.items.map((i: any) => i.path),
          );
          expect(files).toContain(path.slice(mount.mountPath.length + 1));
        }
      }
    }
    const secretFiles = (service: string) =>
      podSpec(all, service, release)
        .volumes.find((v: any) => v.name === 'secrets')
        .projected.sources.flatMap((s: any) => s.secret.items.map((i: any) => i.path));
    // each service gets its own password and nothing else's
    expect(secretFiles('catalog')).toEqual(['db-password']);
    expect(secretFiles('accounts')).toEqual(
      set === 'minimal' ? ['db-password'] : ['db-password', 'admin-password'],
    );
    expect(podSpec(all, 'gateway', release).volumes.map((v: any) => v.name)).toEqual(['tmp']);
    expect(podSpec(all, 'storefront', release).volumes).toBeUndefined();
  });

  it('refers only to Secrets it makes or that the values name', () => {
    const all = objects();
    const made = new Map(ofKind(all, 'Secret').map((s) => [s.metadata.name, s]));
    for (const { template } of workloads(all)) {
      for (const volume of template.spec.volumes ?? []) {
        for (const source of volume.projected?.sources ?? []) {
          const secret = made.get(source.secret.name);
          if (secret) {
            for (const item of source.secret.items)
              expect(Object.keys(secret.data)).toContain(item.key);
          } else {
            expect(set).toBe('production');
            expect(source.secret.name).toMatch(/^shop-(db-[a-z]+|admin)$/);
          }
        }
      }
    }
    expect(made.size).toBe(set === 'production' ? 0 : 1);
  });

  it('gives every workload its own ServiceAccount without a token', () => {
    const all = objects();
    const accounts = ofKind(all, 'ServiceAccount');
    expect(accounts.every((a) => a.automountServiceAccountToken === false)).toBe(true);
    const used = workloads(all).map((w) => w.template.spec.serviceAccountName);
    expect(new Set(used).size).toBe(used.length);
  });

  // (kubeconform -strict validates these in tools/helm/check.sh; below, that it can fail)
});

describe('the checks fail on a manifest that lacks what they require', () => {
  const mutate = (change: (objects: K8sObject[]) => void) => {
    const objects = render();
    change(objects);
    return hardeningFindings(objects);
  };

  it('a container without limits', () => {
    expect(mutate((o) => delete podSpec(o, 'catalog').containers[0].resources.limits)).toEqual([
      'catalog/catalog: no cpu limits',
      'catalog/catalog: no memory limits',
    ]);
  });

  it('a container without probes', () => {
    expect(
      mutate((o) => {
        delete podSpec(o, 'gateway').containers[0].readinessProbe;
        delete podSpec(o, 'gateway').containers[0].livenessProbe;
      }),
    ).toEqual(['gateway/gateway: no readinessProbe', 'gateway/gateway: no livenessProbe']);
  });

  it('a container that may run as root', () => {
    expect(
      mutate((o) => {
        const sc = podSpec(o, 'orders').initContainers[0].securityContext;
        sc.runAsUser = 0;
        delete sc.runAsNonRoot;
        delete podSpec(o, 'orders').securityContext.runAsNonRoot;
      }),
    ).toEqual([
      'orders/migrate: runAsNonRoot is not true',
      'orders/migrate: runAsUser is not a non-root uid',
    ]);
  });

  it('a writable root filesystem, or no emptyDir at /tmp', () => {
    expect(
      mutate((o) => {
        podSpec(o, 'cart').containers[0].securityContext.readOnlyRootFilesystem = false;
        const kafka = named(o, 'StatefulSet', 'shop-kafka').spec.template.spec.containers[0];
        kafka.securityContext.readOnlyRootFilesystem = false;
        const postgres = named(o, 'StatefulSet', 'shop-postgres').spec.template.spec.containers[0];
        postgres.volumeMounts = postgres.volumeMounts.filter((m: any) => m.mountPath !== '/tmp');
      }),
    ).toEqual([
      'cart/cart: readOnlyRootFilesystem is not true',
      'kafka/kafka: readOnlyRootFilesystem is not true',
      'postgres/postgres: read-only root without an emptyDir at /tmp',
    ]);
  });

  it('capabilities kept, privilege escalation, a mounted token', () => {
    expect(
      mutate((o) => {
        const sc = podSpec(o, 'payments').containers[0].securityContext;
        sc.capabilities = { drop: [], add: ['NET_ADMIN'] };
        sc.allowPrivilegeEscalation = true;
        podSpec(o, 'payments').automountServiceAccountToken = true;
      }),
    ).toEqual([
      'payments: automountServiceAccountToken is not false',
      'payments/payments: allowPrivilegeEscalation is not false',
      'payments/payments: capabilities not dropped (ALL)',
      'payments/payments: adds capabilities',
    ]);
  });

  it('a storefront stripped of its hardening: every missing piece is named', () => {
    expect(
      mutate((o) => {
        const spec = podSpec(o, 'storefront');
        const [c] = spec.containers;
        spec.automountServiceAccountToken = true;
        delete spec.securityContext.runAsNonRoot;
        c.securityContext = { runAsUser: 0, capabilities: { add: ['NET_BIND_SERVICE'] } };
        delete c.resources.limits;
        delete c.readinessProbe;
        delete c.livenessProbe;
        delete c.lifecycle;
      }),
    ).toEqual([
      'storefront: automountServiceAccountToken is not false',
      'storefront/storefront: no cpu limits',
      'storefront/storefront: no memory limits',
      'storefront/storefront: no readinessProbe',
      'storefront/storefront: no livenessProbe',
      'storefront/storefront: runAsNonRoot is not true',
      'storefront/storefront: runAsUser is not a non-root uid',
      'storefront/storefront: allowPrivilegeEscalation is not false',
      'storefront/storefront: capabilities not dropped (ALL)',
      'storefront/storefront: adds capabilities',
      'storefront/storefront: readOnlyRootFilesystem is not true',
      'storefront/storefront: no preStop',
    ]);
  });

  it('a writable mount on the storefront, which writes nothing (even an emptyDir at /tmp)', () => {
    expect(
      mutate((o) => {
        const spec = podSpec(o, 'storefront');
        spec.volumes = [
          { name: 'tmp', emptyDir: {} },
          { name: 'cache', emptyDir: {} },
        ];
        spec.containers[0].volumeMounts = [
          { name: 'tmp', mountPath: '/tmp' },
          { name: 'cache', mountPath: '/app/public', readOnly: false },
        ];
      }),
    ).toEqual([
      'storefront/storefront: writes nothing, yet mounts /tmp',
      'storefront/storefront: writes nothing, yet mounts /app/public',
    ]);
    // mounted read-only, a volume is no way to write
    expect(
      mutate((o) => {
        const spec = podSpec(o, 'storefront');
        spec.volumes = [{ name: 'extra', configMap: { name: 'x' } }];
        spec.containers[0].volumeMounts = [{ name: 'extra', mountPath: '/x', readOnly: true }];
      }),
    ).toEqual([]);
  });

  it('a request above its limit, and a probe on a port the container does not declare', () => {
    expect(
      mutate((o) => {
        const [c] = podSpec(o, 'storefront').containers;
        c.resources.requests.memory = '128Mi';
        c.resources.requests.cpu = '0.6';
        c.readinessProbe.httpGet.port = 8080;
        c.livenessProbe.httpGet.port = 'metrics';
      }),
    ).toEqual([
      'storefront/storefront: cpu request 0.6 above its limit 500m',
      'storefront/storefront: memory request 128Mi above its limit 96Mi',
      'storefront/storefront: livenessProbe on a port the container does not declare',
      'storefront/storefront: readinessProbe on a port the container does not declare',
    ]);
    expect([quantity('250m'), quantity('1'), quantity('1.5'), quantity(2)]).toEqual([
      0.25, 1, 1.5, 2,
    ]);
    expect([quantity('96Mi'), quantity('1Gi'), quantity('100M'), quantity('1e3')]).toEqual([
      96 * 2 ** 20,
      2 ** 30,
      1e8,
      1000,
    ]);
    expect(quantity('lots')).toBeNaN();
  });

  it('kubeconform (-strict, offline, as check.sh runs it) rejects an unknown field and a wrong type', () => {
    const objects = render();
    podSpec(objects, 'cart').containers[0].securityContext.readOnlyRootFileSystem = true;
    deployment(objects, 'orders').spec.template.spec.terminationGracePeriodSeconds = 'thirty';
    const result = kubeconform(objects);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("additional properties 'readOnlyRootFileSystem' not allowed");
    expect(result.output).toMatch(
      /terminationGracePeriodSeconds': got string, want null or integer/,
    );
  });
});

describe('values', () => {
  it('autoscale catalog and payments by default (autoscaling/v2 on CPU), the others by choice', () => {
    const hpas = (set: (typeof VALUE_SETS)[number]) =>
      ofKind(render({ set }), 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
    expect(hpas('default')).toEqual(['shop-catalog', 'shop-payments']);
    expect(hpas('minimal')).toEqual([]);
    expect(hpas('production')).toEqual([
      'shop-gateway',
      'shop-catalog',
      'shop-orders',
      'shop-payments',
    ]);
    const objects = render();
    const hpa = named(objects, 'HorizontalPodAutoscaler', 'shop-catalog');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ]);
    // the HPA owns the replica count
    expect(deployment(objects, 'catalog').spec.replicas).toBeUndefined();
    expect(deployment(objects, 'cart').spec.replicas).toBe(1);
  });

  it('give every service a PodDisruptionBudget unless turned off', () => {
    const pdbs = render().filter((o) => o.kind === 'PodDisruptionBudget');
    expect(pdbs.map((p) => p.metadata.name)).toEqual(SERVICES.map((s) => `shop-${s}`));
    expect(pdbs.every((p) => p.spec.maxUnavailable === 1)).toBe(true);
    expect(ofKind(render({ set: 'minimal' }), 'PodDisruptionBudget')).toEqual([]);
  });

  it('expose the gateway through an Ingress, a LoadBalancer, or neither', () => {
    const byIngress = render();
    expect(named(byIngress, 'Ingress', 'shop-gateway').spec.rules[0].http.paths[0].backend).toEqual(
      {
        service: { name: 'shop-gateway', port: { name: 'http' } },
      },
    );
    expect(named(byIngress, 'Service', 'shop-gateway').spec.type).toBe('ClusterIP');
    const byLoadBalancer = render({ set: 'minimal' });
    expect(ofKind(byLoadBalancer, 'Ingress')).toEqual([]);
    expect(named(byLoadBalancer, 'Service', 'demo-shop-gateway').spec).toMatchObject({
      type: 'LoadBalancer',
      ports: [{ port: 8080, targetPort: 'http' }],
    });
    const neither = render({ setValues: ['gateway.exposure=none'] });
    expect(ofKind(neither, 'Ingress')).toEqual([]);
    expect(ofKind(neither, 'Service').map((s) => s.spec.type ?? 'ClusterIP')).not.toContain(
      'LoadBalancer',
    );
    expect(renderError({ setValues: ['gateway.exposure=nodePort'] })).toContain(
      "at '/gateway/exposure': value must be one of 'ingress', 'loadBalancer', 'none'",
    );
  });

  it('run no Kafka or Postgres pod when both are external, and point the services at them', () => {
    const objects = render({ set: 'production' });
    expect(ofKind(objects, 'StatefulSet')).toEqual([]);
    const env = envOf(podSpec(objects, 'orders').containers[0]);
    expect(env).toMatchObject({
      DB_HOST: 'postgres.internal.example.com',
      DB_NAME: 'orders',
      KAFKA_BROKERS:
        'kafka-0.kafka.internal.example.com:9094,kafka-1.kafka.internal.example.com:9094,kafka-2.kafka.internal.example.com:9094',
      KAFKA_REPLICATION_FACTOR: '3',
    });
    expect(envOf(podSpec(objects, 'payments').containers[0])['DB_HOST']).toBe(
      'payments-db.internal.example.com',
    );
    expect(renderError({ setValues: ['kafka.inChart=false'] })).toContain(
      'kafka.external.brokers is required',
    );
    expect(renderError({ setValues: ['postgres.inChart=false'] })).toContain(
      'postgres.external.host is required',
    );
  });

  it('run the in-chart Postgres with deploy/compose/postgres scripts, passwords from files', () => {
    const objects = render({ set: 'minimal' });
    const scripts = named(objects, 'ConfigMap', 'demo-shop-postgres-scripts').data;
    for (const file of ['start.sh', 'roles.sh', 'init-databases.sh']) {
      expect(scripts[file]).toBe(readFileSync(join(ROOT, 'deploy/compose/postgres', file), 'utf8'));
    }
    const postgres = named(objects, 'StatefulSet', 'demo-shop-postgres').spec.template.spec;
    expect(postgres.containers[0].command).toEqual(['bash', '/opt/shop-postgres/start.sh']);
    const files = postgres.volumes
      .find((v: any) => v.name === 'secrets')
      .projected.sources.flatMap((s: any) => s.secret.items.map((i: any) => i.path));
    const env = envOf(postgres.containers[0]);
    for (const service of BACKENDS) {
      const file = env[`${service.toUpperCase()}_DB_PASSWORD_FILE`];
      expect(file).toBe(`/run/secrets/${service}-db-password`);
      expect(files).toContain(`${service}-db-password`);
    }
    expect(renderError({ setValues: ['databases.orders.name=sales'] })).toContain(
      'databases.orders: with postgres.inChart its database and user are "orders"',
    );
    const secret = named(objects, 'Secret', 'demo-shop-secrets');
    const decoded = Object.fromEntries(
      Object.entries(secret.data as Record<string, string>).map(([k, v]) => [
        k,
        Buffer.from(v, 'base64').toString(),
      ]),
    );
    expect(decoded).toEqual({
      'accounts-db-password': 'accounts-try-password',
      'catalog-db-password': 'catalog-try-password',
      'cart-db-password': 'cart-try-password',
      'orders-db-password': 'orders-try-password',
      'payments-db-password': 'payments-try-password',
      'postgres-password': 'postgres-try-password',
    });
    // generated when not given: long and random
    const generated = named(render(), 'Secret', 'shop-secrets').data;
    expect(Object.keys(generated)).toContain('admin-password');
    expect(Buffer.from(generated['admin-password'], 'base64').toString()).toMatch(
      /^[A-Za-z0-9]{32}$/,
    );
  });

  it('run the in-chart Kafka read-only as compose does: config and logs on emptyDirs, logs to stdout', () => {
    const objects = render();
    expect(named(objects, 'ConfigMap', 'shop-kafka-config').data['log4j2.yaml']).toBe(
      readFileSync(join(ROOT, 'deploy/compose/kafka/log4j2.yaml'), 'utf8'),
    );
    const kafka = named(objects, 'StatefulSet', 'shop-kafka').spec.template.spec;
    const emptyDirs = new Set(kafka.volumes.filter((v: any) => v.emptyDir).map((v: any) => v.name));
    const mounts = Object.fromEntries(
      kafka.containers[0].volumeMounts.map((m: any) => [m.mountPath, m.name]),
    );
    for (const path of ['/opt/kafka/config', '/opt/kafka/logs', '/tmp']) {
      expect(emptyDirs.has(mounts[path])).toBe(true);
    }
    expect(mounts['/mnt/shared/config']).toBe('log-config');
    expect(envOf(kafka.containers[0])).toMatchObject({
      EXTRA_ARGS: '-name kafkaServer',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://shop-kafka:9092',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    });
  });

  it('are checked against values.schema.json: a misspelt key or a wrong type fails', () => {
    expect(renderError({ setValues: ['services.cart.autoscaling.enabld=true'] })).toContain(
      "at '/services/cart/autoscaling': additional properties 'enabld' not allowed",
    );
    expect(renderError({ setValues: ['kafka.external.brokers={kafka}'] })).toContain(
      '/kafka/external/brokers/0',
    );
    expect(renderError({ setValues: ['postgres.inChart=yes'] })).toContain('/postgres/inChart');
  });

  it('refuse a termination grace period shorter than preStop plus the shutdown grace', () => {
    expect(renderError({ setValues: ['shutdown.terminationGracePeriodSeconds=10'] })).toContain(
      'shutdown.terminationGracePeriodSeconds (10) must cover',
    );
    const spec = podSpec(render(), 'orders');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
    expect(spec.containers[0].lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(envOf(spec.containers[0])['SHUTDOWN_GRACE_MS']).toBe('10000');
  });
});

/** A TCP port free on this machine right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("the storefront's server (apps/storefront/server/serve.mjs), as the chart runs it", () => {
  it('answers every probe of the chart with 200 and the page at /, and stops on SIGTERM well within the grace period', async () => {
    const spec = podSpec(render(), 'storefront');
    const [c] = spec.containers;
    // the chart's PORT is the port it declares and probes
    expect(envOf(c)['PORT']).toBe(String(c.ports[0].containerPort));
    const root = mkdtempSync(join(tmpdir(), 'storefront-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>shop</title>');
    const port = await freePort();
    // the chart's environment, on a free port here, and a stand-in for the built app
    const child = spawn(process.execPath, [join(ROOT, 'apps/storefront/server/serve.mjs')], {
      env: { PATH: process.env['PATH'], ...envOf(c), PORT: String(port), STATIC_ROOT: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('storefront serving')) resolve();
        });
        void exited.then((e) => reject(new Error(`serve.mjs exited: ${JSON.stringify(e)}`)));
      });
      for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
        const response = await fetch(`http://127.0.0.1:${port}${probe.httpGet.path}`);
        expect({ path: probe.httpGet.path, status: response.status }).toEqual({
          path: probe.httpGet.path,
          status: 200,
        });
      }
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>shop</title>');
      const started = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      // SIGTERM comes after preStop's sleep; the rest of the grace period is the budget
      const budget =
        (spec.terminationGracePeriodSeconds - Number(c.lifecycle.preStop.exec.command[1])) * 1000;
      expect(Date.now() - started).toBeLessThan(budget);
    } finally {
      child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('deploy/helm/shop/files', () => {
  it('are copies of deploy/compose/postgres and deploy/compose/kafka (copy them again when those change)', () => {
    const chartFiles = join(ROOT, 'deploy/helm/shop/files');
    for (const dir of readdirSync(chartFiles)) {
      for (const file of readdirSync(join(chartFiles, dir))) {
        const copy = readFileSync(join(chartFiles, dir, file), 'utf8');
        expect({
          file: `${dir}/${file}`,
          same: copy === readFileSync(join(ROOT, 'deploy/compose', dir, file), 'utf8'),
        }).toEqual({
          file: `${dir}/${file}`,
          same: true,
        });
      }
    }
    expect(readdirSync(join(chartFiles, 'postgres')).sort()).toEqual([
      'init-databases.sh',
      'roles.sh',
      'start.sh',
    ]);
  });
});
