import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BACKENDS, CALLS, PORTS, SERVICES, type ServiceName } from './architecture';
import {
  type K8sObject,
  ROOT,
  VALUE_SETS,
  type ValueSet,
  named,
  ofKind,
  render,
} from './manifests';
import {
  type OutsideRule,
  assertPodGraph,
  outsideEgress,
  outsideIngress,
  podGraph,
  podsOf,
} from './network-graph';

/** The pod-to-pod calls the architecture allows, with each backend's database and Kafka. */
function expectedGraph(set: ValueSet): string[] {
  const inChart = set !== 'production';
  return [
    ...CALLS.map(([from, to]) => `${from} -> ${to}:${PORTS[to]}`),
    ...(inChart ? BACKENDS.map((b) => `${b} -> postgres:5432`) : []),
    ...(inChart ? BACKENDS.map((b) => `${b} -> kafka:9092`) : []),
  ].sort();
}

/** Ports each workload may send to outside the release (DNS everywhere; the rest by set). */
function allowedOutsidePorts(set: ValueSet, component: string): string[] {
  const dns = ['53/UDP', '53/TCP'];
  if (set !== 'production') return dns;
  const backend = (BACKENDS as readonly string[]).includes(component);
  // external Postgres and Kafka brokers (ci/production-values.yaml), the OTLP collector (extraEgress)
  return [...dns, ...(backend ? ['5432/TCP', '9094/TCP'] : []), '4318/TCP'];
}

function assertOnlyGatewayFromOutside(objects: readonly K8sObject[]): void {
  const wrong = outsideIngress(objects).filter(
    (r) => r.component !== 'gateway' || r.ports === 'any' || r.ports.join() !== '8080/TCP',
  );
  if (wrong.length) throw new Error(`reachable from outside: ${JSON.stringify(wrong)}`);
}

function assertOutsideEgress(objects: readonly K8sObject[], set: ValueSet): void {
  const wrong = outsideEgress(objects).filter(
    (r: OutsideRule) =>
      r.ports === 'any' || r.ports.some((p) => !allowedOutsidePorts(set, r.component).includes(p)),
  );
  if (wrong.length) throw new Error(`may send outside: ${JSON.stringify(wrong)}`);
}

function addRule(
  objects: K8sObject[],
  policy: string,
  direction: 'ingress' | 'egress',
  rule: object,
) {
  const spec = named(objects, 'NetworkPolicy', policy).spec;
  spec[direction] = [...(spec[direction] ?? []), rule];
}

const podsWith = (component: string) => ({
  podSelector: {
    matchLabels: {
      'app.kubernetes.io/name': 'shop',
      'app.kubernetes.io/instance': 'shop',
      'app.kubernetes.io/component': component,
    },
  },
});

describe.each(VALUE_SETS)('NetworkPolicies with the %s values', (set) => {
  const objects = () => render({ set });

  it('allow exactly the architecture calls, each database and Kafka between the pods', () => {
    expect(podGraph(objects())).toEqual(expectedGraph(set));
  });

  it('isolate every pod of the release in both directions', () => {
    const all = objects();
    const isolatedPods = podsOf(all).map((pod) => pod.component);
    expect(isolatedPods.length).toBeGreaterThanOrEqual(6);
    const deny = ofKind(all, 'NetworkPolicy').find((p) =>
      p.metadata.name.endsWith('-default-deny'),
    );
    expect(deny?.spec).toMatchObject({ policyTypes: ['Ingress', 'Egress'] });
    expect(deny?.spec.ingress).toBeUndefined();
    expect(deny?.spec.egress).toBeUndefined();
  });

  it('let only the gateway take traffic from outside, on its port only', () => {
    assertOnlyGatewayFromOutside(objects());
    expect(outsideIngress(objects()).map((r) => r.component)).toEqual(['gateway']);
  });

  it('let pods send outside only to DNS (and, in production, the external Postgres, Kafka and collector ports)', () => {
    assertOutsideEgress(objects(), set);
  });
});

describe('the architecture written in the tests', () => {
  it('is the calls that deploy/compose configures (its *_URL settings; a service itself excepted)', () => {
    const compose = parse(readFileSync(join(ROOT, 'deploy/compose/docker-compose.yml'), 'utf8'), {
      merge: true,
    });
    const calls = new Set<string>();
    for (const from of SERVICES) {
      const env: Record<string, unknown> = compose.services[from].environment ?? {};
      for (const value of Object.values(env)) {
        const host = /^https?:\/\/([a-z-]+):\d+/.exec(String(value))?.[1];
        // accounts gets the shared AUTH_JWKS_URL too, but verifies its own tokens locally
        if (host && host !== from && (SERVICES as readonly string[]).includes(host)) {
          calls.add(`${from} -> ${host}`);
        }
      }
    }
    expect([...calls].sort()).toEqual(CALLS.map(([a, b]) => `${a} -> ${b}`).sort());
  });

  it('is what the chart configures: every URL a service is given names a service it may call', () => {
    for (const set of VALUE_SETS) {
      const objects = render({ set });
      const componentOfService = new Map(
        ofKind(objects, 'Service').map((s) => [
          s.metadata.name,
          s.spec.selector['app.kubernetes.io/component'] as string,
        ]),
      );
      const calls = new Set<string>();
      for (const deployment of ofKind(objects, 'Deployment')) {
        const from = deployment.metadata.labels?.['app.kubernetes.io/component'] as ServiceName;
        for (const container of deployment.spec.template.spec.containers) {
          for (const { value } of container.env ?? []) {
            const host = /^https?:\/\/([a-z0-9-]+):\d+/.exec(String(value))?.[1];
            if (host) calls.add(`${from} -> ${componentOfService.get(host) ?? `unknown ${host}`}`);
          }
        }
      }
      expect([...calls].sort()).toEqual(CALLS.map(([a, b]) => `${a} -> ${b}`).sort());
    }
  });
});

describe('the NetworkPolicy checks fail on a policy that allows too much', () => {
  it('a call the architecture does not have (catalog -> orders) fails the graph check', () => {
    const objects = render();
    addRule(objects, 'shop-catalog', 'egress', {
      to: [podsWith('orders')],
      ports: [{ port: 3000 }],
    });
    addRule(objects, 'shop-orders', 'ingress', {
      from: [podsWith('catalog')],
      ports: [{ port: 3000 }],
    });
    expect(() => assertPodGraph(objects, expectedGraph('default'))).toThrow(
      'allowed but not in the architecture: catalog -> orders:3000',
    );
  });

  it('one side alone allows nothing: the receiver must allow it too', () => {
    const objects = render();
    addRule(objects, 'shop-catalog', 'egress', {
      to: [podsWith('orders')],
      ports: [{ port: 3000 }],
    });
    expect(() => assertPodGraph(objects, expectedGraph('default'))).not.toThrow();
  });

  it('a missing call fails it too (cart can no longer reach orders)', () => {
    const objects = render();
    const spec = named(objects, 'NetworkPolicy', 'shop-orders').spec;
    spec.ingress = spec.ingress.filter(
      (r: { from?: unknown[] }) => !JSON.stringify(r.from).includes('cart'),
    );
    expect(() => assertPodGraph(objects, expectedGraph('default'))).toThrow(
      'in the architecture but not allowed: cart -> orders:3000',
    );
  });

  it('a pod left without its policies is open to the outside, and fails', () => {
    const objects = render().filter(
      (o) => !(o.kind === 'NetworkPolicy' && /-(default-deny|payments)$/.test(o.metadata.name)),
    );
    expect(() => assertOnlyGatewayFromOutside(objects)).toThrow('"component":"payments"');
    // (the DNS policy still isolates its egress: it has lost its own calls)
    expect(() => assertPodGraph(objects, expectedGraph('default'))).toThrow(
      'in the architecture but not allowed: payments -> accounts:3000',
    );
  });

  it('ingress from another namespace to a backend fails the outside check', () => {
    const objects = render();
    addRule(objects, 'shop-orders', 'ingress', { from: [{ namespaceSelector: {} }] });
    expect(() => assertOnlyGatewayFromOutside(objects)).toThrow('"component":"orders"');
  });

  it('egress anywhere on any port fails the outside check, and counts as reaching every pod', () => {
    const objects = render();
    addRule(objects, 'shop-cart', 'egress', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] });
    addRule(objects, 'shop-payments', 'ingress', { from: [podsWith('cart')] });
    expect(() => assertOutsideEgress(objects, 'default')).toThrow('"component":"cart"');
    expect(podGraph(objects)).toContain('cart -> payments:3000');
  });
});
