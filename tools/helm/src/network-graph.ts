import { type K8sObject, NAMESPACE, ofKind, workloads } from './manifests';

/**
 * What rendered NetworkPolicies allow, computed as Kubernetes does (networking.k8s.io/v1): a pod
 * selected by a policy of a type (Ingress / Egress) is isolated for that direction and takes
 * only what one of those policies' rules allows; traffic between two pods needs the sender's
 * egress and the receiver's ingress. Conservative where the manifests cannot tell: an ipBlock
 * may hold pod addresses (it matches every pod, and the outside), and a namespaceSelector
 * reaches beyond the release (the outside).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type Selector = { matchLabels?: Record<string, string>; matchExpressions?: any[] } | undefined;
type Peer = { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: unknown };
type PortRule = { port?: number | string; endPort?: number; protocol?: string };
type Rule = { from?: Peer[]; to?: Peer[]; ports?: PortRule[] };

export interface Pod {
  readonly component: string;
  readonly labels: Record<string, string>;
  readonly ports: readonly { name?: string; port: number; protocol: string }[];
}

/** A way out of the release: who may send to a pod from outside, or where a pod may send. */
export interface OutsideRule {
  readonly component: string;
  /** the ports allowed, or 'any' */
  readonly ports: readonly string[] | 'any';
  readonly peers: string;
}

const NAMESPACE_LABELS = { 'kubernetes.io/metadata.name': NAMESPACE };

export function matches(selector: Selector, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = key in labels;
    const ok =
      operator === 'In'
        ? has && values.includes(labels[key])
        : operator === 'NotIn'
          ? !has || !values.includes(labels[key])
          : operator === 'Exists'
            ? has
            : operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

export function podsOf(objects: readonly K8sObject[]): Pod[] {
  return workloads(objects).map(({ component, template }) => ({
    component,
    labels: template.metadata?.labels ?? {},
    ports: (template.spec.containers as any[]).flatMap((c) =>
      (c.ports ?? []).map((p: any) => ({
        name: p.name,
        port: p.containerPort,
        protocol: p.protocol ?? 'TCP',
      })),
    ),
  }));
}

const policies = (objects: readonly K8sObject[]) =>
  ofKind(objects, 'NetworkPolicy').filter((p) => (p.metadata.namespace ?? NAMESPACE) === NAMESPACE);

function policyTypes(policy: K8sObject): string[] {
  return policy.spec.policyTypes ?? ['Ingress', ...(policy.spec.egress ? ['Egress'] : [])];
}

/** The rules that apply to a pod in one direction, or undefined when it is not isolated. */
function rulesFor(objects: readonly K8sObject[], pod: Pod, type: 'Ingress' | 'Egress') {
  const selecting = policies(objects).filter(
    (p) => policyTypes(p).includes(type) && matches(p.spec.podSelector ?? {}, pod.labels),
  );
  if (selecting.length === 0) return undefined;
  return selecting.flatMap(
    (p) => (type === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? [],
  ) as Rule[];
}

function peerMatchesPod(peer: Peer, pod: Pod): boolean {
  if (peer.ipBlock) return true;
  if (peer.namespaceSelector && !matches(peer.namespaceSelector, NAMESPACE_LABELS)) return false;
  return matches(peer.podSelector, pod.labels);
}

const peerReachesOutside = (peer: Peer) => Boolean(peer.ipBlock || peer.namespaceSelector);

function portMatches(rule: Rule, port: Pod['ports'][number]): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some(
    (p) =>
      (p.protocol ?? 'TCP') === port.protocol &&
      (p.port === undefined ||
        p.port === port.port ||
        p.port === port.name ||
        (typeof p.port === 'number' &&
          p.endPort !== undefined &&
          port.port >= p.port &&
          port.port <= p.endPort)),
  );
}

function ruleAllowsPod(
  rule: Rule,
  peers: Peer[] | undefined,
  pod: Pod,
  port: Pod['ports'][number],
) {
  return (
    portMatches(rule, port) &&
    (!peers || peers.length === 0 || peers.some((p) => peerMatchesPod(p, pod)))
  );
}

/** Every allowed pod-to-pod call of the release, as "from -> to:port". */
export function podGraph(objects: readonly K8sObject[]): string[] {
  const pods = podsOf(objects);
  const edges = new Set<string>();
  for (const from of pods) {
    const egress = rulesFor(objects, from, 'Egress');
    for (const to of pods) {
      const ingress = rulesFor(objects, to, 'Ingress');
      for (const port of to.ports) {
        const out = !egress || egress.some((r) => ruleAllowsPod(r, r.to, to, port));
        const inn = !ingress || ingress.some((r) => ruleAllowsPod(r, r.from, from, port));
        if (out && inn) edges.add(`${from.component} -> ${to.component}:${port.port}`);
      }
    }
  }
  return [...edges].sort();
}

const describePorts = (rule: Rule): readonly string[] | 'any' =>
  !rule.ports || rule.ports.length === 0
    ? 'any'
    : rule.ports.map(
        (p) => `${p.port ?? 'any'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`,
      );

/** Who outside the release may send to which pod (a pod not isolated: anyone, any port). */
export function outsideIngress(objects: readonly K8sObject[]): OutsideRule[] {
  return podsOf(objects).flatMap((pod) => {
    const rules = rulesFor(objects, pod, 'Ingress');
    if (!rules)
      return [{ component: pod.component, ports: 'any' as const, peers: 'anyone (not isolated)' }];
    return rules
      .filter((r) => !r.from || r.from.length === 0 || r.from.some(peerReachesOutside))
      .map((r) => ({
        component: pod.component,
        ports: describePorts(r),
        peers: JSON.stringify(r.from ?? 'anyone'),
      }));
  });
}

/** Where outside the release each pod may send (a pod not isolated: anywhere, any port). */
export function outsideEgress(objects: readonly K8sObject[]): OutsideRule[] {
  return podsOf(objects).flatMap((pod) => {
    const rules = rulesFor(objects, pod, 'Egress');
    if (!rules)
      return [
        { component: pod.component, ports: 'any' as const, peers: 'anywhere (not isolated)' },
      ];
    return rules
      .filter((r) => !r.to || r.to.length === 0 || r.to.some(peerReachesOutside))
      .map((r) => ({
        component: pod.component,
        ports: describePorts(r),
        peers: JSON.stringify(r.to ?? 'anywhere'),
      }));
  });
}

/** Throws, naming each difference, unless the allowed graph is exactly `expected`. */
export function assertPodGraph(objects: readonly K8sObject[], expected: readonly string[]): void {
  const actual = new Set(podGraph(objects));
  const wanted = new Set(expected);
  const extra = [...actual].filter((e) => !wanted.has(e));
  const missing = [...wanted].filter((e) => !actual.has(e));
  if (extra.length || missing.length) {
    throw new Error(
      [
        ...extra.map((e) => `allowed but not in the architecture: ${e}`),
        ...missing.map((e) => `in the architecture but not allowed: ${e}`),
      ].join('\n'),
    );
  }
}
