import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  BACKENDS,
  CALLS,
  PORTS,
  SERVICES,
  STATIC_SERVICES,
  type ServiceName,
} from './architecture';
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
  matches,
  podGraph,
  podsOf,
} from './network-graph';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The pod-to-pod calls the architecture allows, with each backend's database and Kafka. */
function expectedGraph(set: ValueSet): string[] {
  const inChart = set !== 'production';
  return [
    ...CALLS.map(([from, to]) => `${from} -> ${to}:${PORTS[to]}`),
    ...(inChart ? BACKENDS.map((b) => `${b} -> postgres:5432`) : []),
    ...(inChart ? BACKENDS.map((b) => `${b} -> kafka:9092`) : []),
  ].sort();
}

/**
 * Ports each workload may send to outside the release: DNS everywhere but the storefront, which
 * may send nowhere at all; the rest by set.
 */
function allowedOutsidePorts(set: ValueSet, component: string): string[] {
  if ((STATIC_SERVICES as readonly string[]).includes(component)) return [];
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

  it('let only the gateway reach the storefront, on its port, and the storefront reach nothing (no DNS either)', () => {
    const all = objects();
    assertStorefrontSealed(all);
    expect(podGraph(all).filter((e) => /\bstorefront\b/.test(e))).toEqual([
      'gateway -> storefront:3000',
    ]);
    expect(outsideIngress(all).filter((r) => r.component === 'storefront')).toEqual([]);
    expect(outsideEgress(all).filter((r) => r.component === 'storefront')).toEqual([]);
  });
});

/**
 * The storefront's own NetworkPolicy, read directly: ingress only from the gateway's pods on its
 * port, no egress rule at all; and no other policy of the release gives it egress (DNS included).
 */
function assertStorefrontSealed(objects: readonly K8sObject[]): void {
  const storefront = podsOf(objects).find((p) => p.component === 'storefront');
  if (!storefront) throw new Error('no storefront pod rendered');
  const problems: string[] = [];
  for (const policy of ofKind(objects, 'NetworkPolicy')) {
    if (!matches(policy.spec.podSelector, storefront.labels)) continue;
    const types: string[] = policy.spec.policyTypes ?? [];
    if (types.includes('Egress') && (policy.spec.egress ?? []).length > 0)
      problems.push(`${policy.metadata.name} gives it egress`);
    for (const rule of types.includes('Ingress') ? (policy.spec.ingress ?? []) : []) {
      const from: any[] = rule.from ?? [];
      const onlyGateway =
        from.length > 0 &&
        from.every(
          (peer) =>
            !peer.ipBlock &&
            !peer.namespaceSelector &&
            podsOf(objects).every(
              (pod) => !matches(peer.podSelector, pod.labels) || pod.component === 'gateway',
            ),
        );
      const onItsPort =
        (rule.ports ?? []).length > 0 &&
        rule.ports.every((p: any) => p.port === PORTS.storefront || p.port === 'http');
      if (!onlyGateway || !onItsPort)
        problems.push(`${policy.metadata.name} lets in ${JSON.stringify(rule)}`);
    }
  }
  if (problems.length) throw new Error(`storefront not sealed: ${problems.join('; ')}`);
}

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

  it('a backend allowed to reach the storefront (cart -> storefront) fails the graph check and the seal', () => {
    const objects = render();
    addRule(objects, 'shop-cart', 'egress', {
      to: [podsWith('storefront')],
      ports: [{ port: 3000 }],
    });
    addRule(objects, 'shop-storefront', 'ingress', {
      from: [podsWith('cart')],
      ports: [{ port: 3000 }],
    });
    expect(() => assertPodGraph(objects, expectedGraph('default'))).toThrow(
      'allowed but not in the architecture: cart -> storefront:3000',
    );
    expect(() => assertStorefrontSealed(objects)).toThrow('shop-storefront lets in');
  });

  it('the storefront let in by any release pod (a selector wider than the gateway) fails the seal', () => {
    const objects = render();
    const ingress = named(objects, 'NetworkPolicy', 'shop-storefront').spec.ingress[0];
    ingress.from[0].podSelector.matchExpressions[0].values.push('orders');
    expect(() => assertStorefrontSealed(objects)).toThrow('shop-storefront lets in');
    // (orders has no egress to it, so the graph alone would not see this yet)
    expect(() => assertPodGraph(objects, expectedGraph('default'))).not.toThrow();
  });

  it('the storefront reachable from outside (another namespace, or without its policies) fails', () => {
    const objects = render();
    addRule(objects, 'shop-storefront', 'ingress', {
      from: [{ namespaceSelector: {} }],
      ports: [{ port: 3000 }],
    });
    expect(() => assertOnlyGatewayFromOutside(objects)).toThrow('"component":"storefront"');
    expect(() => assertStorefrontSealed(objects)).toThrow('shop-storefront lets in');
    const open = render().filter(
      (o) => !(o.kind === 'NetworkPolicy' && /-(default-deny|storefront)$/.test(o.metadata.name)),
    );
    expect(() => assertOnlyGatewayFromOutside(open)).toThrow('"component":"storefront"');
    expect(() => assertOutsideEgress(open, 'default')).toThrow('"component":"storefront"');
  });

  it('the storefront given egress (to Postgres, to DNS, or an extraEgress rule) fails', () => {
    const toPostgres = render();
    addRule(toPostgres, 'shop-storefront', 'egress', {
      to: [podsWith('postgres')],
      ports: [{ port: 5432 }],
    });
    addRule(toPostgres, 'shop-postgres', 'ingress', {
      from: [podsWith('storefront')],
      ports: [{ port: 5432 }],
    });
    expect(() => assertPodGraph(toPostgres, expectedGraph('default'))).toThrow(
      'allowed but not in the architecture: storefront -> postgres:5432',
    );
    expect(() => assertStorefrontSealed(toPostgres)).toThrow('shop-storefront gives it egress');
    // the DNS policy selecting every pod of the release again
    const dns = render();
    delete named(dns, 'NetworkPolicy', 'shop-dns').spec.podSelector.matchExpressions;
    expect(() => assertOutsideEgress(dns, 'default')).toThrow('"component":"storefront"');
    expect(() => assertStorefrontSealed(dns)).toThrow('shop-dns gives it egress');
    // production's extra egress (the OTLP collector) on the storefront too
    const production = render({ set: 'production' });
    const collector = named(production, 'NetworkPolicy', 'shop-gateway').spec.egress.at(-1);
    expect(JSON.stringify(collector)).toContain('4318');
    addRule(production, 'shop-storefront', 'egress', collector);
    expect(() => assertOutsideEgress(production, 'production')).toThrow('"component":"storefront"');
  });

  it('egress anywhere on any port fails the outside check, and counts as reaching every pod', () => {
    const objects = render();
    addRule(objects, 'shop-cart', 'egress', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] });
    addRule(objects, 'shop-payments', 'ingress', { from: [podsWith('cart')] });
    expect(() => assertOutsideEgress(objects, 'default')).toThrow('"component":"cart"');
    expect(podGraph(objects)).toContain('cart -> payments:3000');
  });
});
