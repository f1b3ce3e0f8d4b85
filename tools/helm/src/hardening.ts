import { STATIC_SERVICES } from './architecture';
import { type K8sObject, ofKind, workloads } from './manifests';

/**
 * What every pod the chart runs must have, as a list of findings ("<workload>/<container>: ...");
 * empty when all is well. No exceptions: Kafka and Postgres included. The storefront writes
 * nothing at all, so it is held to more: no writable mount of any kind (not even /tmp).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A CPU or memory quantity (Kubernetes' notation: 250m, 1.5, 64Mi, 1G, 1e3) as a number. */
export function quantity(value: string | number): number {
  const text = String(value);
  const match = /^([0-9.]+(?:e[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  if (!match) return NaN;
  const factor: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] ? (factor[match[2]] as number) : 1);
}

/** Whether a probe's httpGet/tcpSocket port is one the container declares (by name or number). */
function probeOnDeclaredPort(probe: any, container: any): boolean {
  const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
  if (port === undefined) return true; // exec / grpc probes: nothing to match
  return (container.ports ?? []).some((p: any) => p.name === port || p.containerPort === port);
}

export function hardeningFindings(objects: readonly K8sObject[]): string[] {
  const findings: string[] = [];
  const accounts = new Map(ofKind(objects, 'ServiceAccount').map((a) => [a.metadata.name, a]));
  for (const { object, component, template } of workloads(objects)) {
    const pod = template.spec;
    const where = `${component}`;
    const podSecurity = pod.securityContext ?? {};
    if (pod.automountServiceAccountToken !== false)
      findings.push(`${where}: automountServiceAccountToken is not false`);
    const account = accounts.get(pod.serviceAccountName);
    if (!pod.serviceAccountName || !account)
      findings.push(`${where}: no ServiceAccount of its own`);
    else if (account.automountServiceAccountToken !== false)
      findings.push(`${where}: its ServiceAccount mounts a token`);
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (pod[field]) findings.push(`${where}: ${field}`);
    }
    const tmpVolumes = new Set(
      (pod.volumes ?? []).filter((v: any) => v.emptyDir).map((v: any) => v.name as string),
    );
    const containers = [
      ...(pod.initContainers ?? []).map((c: any) => ({ c, init: true })),
      ...(pod.containers ?? []).map((c: any) => ({ c, init: false })),
    ];
    for (const { c, init } of containers) {
      const at = `${where}/${c.name}`;
      const sc = { ...podSecurity, ...(c.securityContext ?? {}) };
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!c.resources?.[kind]?.[resource]) findings.push(`${at}: no ${resource} ${kind}`);
        }
      }
      for (const resource of ['cpu', 'memory']) {
        const [request, limit] = [
          c.resources?.requests?.[resource],
          c.resources?.limits?.[resource],
        ];
        // the API server accepts the Deployment, then refuses every pod of it
        if (request && limit && !(quantity(request) <= quantity(limit)))
          findings.push(`${at}: ${resource} request ${request} above its limit ${limit}`);
      }
      if (!init) {
        if (!c.readinessProbe) findings.push(`${at}: no readinessProbe`);
        if (!c.livenessProbe) findings.push(`${at}: no livenessProbe`);
        for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
          if (c[kind] && !probeOnDeclaredPort(c[kind], c))
            findings.push(`${at}: ${kind} on a port the container does not declare`);
        }
      }
      if (sc.runAsNonRoot !== true) findings.push(`${at}: runAsNonRoot is not true`);
      if (sc.runAsUser === undefined || sc.runAsUser === 0)
        findings.push(`${at}: runAsUser is not a non-root uid`);
      if (sc.privileged === true) findings.push(`${at}: privileged`);
      if (sc.allowPrivilegeEscalation !== false)
        findings.push(`${at}: allowPrivilegeEscalation is not false`);
      if (!(c.securityContext?.capabilities?.drop ?? []).includes('ALL'))
        findings.push(`${at}: capabilities not dropped (ALL)`);
      if ((c.securityContext?.capabilities?.add ?? []).length > 0)
        findings.push(`${at}: adds capabilities`);
      if (sc.seccompProfile?.type !== 'RuntimeDefault')
        findings.push(`${at}: seccompProfile is not RuntimeDefault`);
      if (sc.readOnlyRootFilesystem !== true) {
        findings.push(`${at}: readOnlyRootFilesystem is not true`);
      }
      if ((STATIC_SERVICES as readonly string[]).includes(component)) {
        // serve.mjs reads its files into memory at start and never writes
        for (const m of c.volumeMounts ?? []) {
          if (m.readOnly !== true)
            findings.push(`${at}: writes nothing, yet mounts ${m.mountPath}`);
        }
      } else if (sc.readOnlyRootFilesystem === true) {
        const tmp = (c.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
        if (!tmp || !tmpVolumes.has(tmp.name))
          findings.push(`${at}: read-only root without an emptyDir at /tmp`);
      }
    }
    if (object.kind === 'Deployment') {
      // the shop's services: graceful shutdown
      const grace = pod.terminationGracePeriodSeconds;
      if (!(grace > 0)) findings.push(`${where}: no terminationGracePeriodSeconds`);
      for (const c of pod.containers) {
        if (!c.lifecycle?.preStop) findings.push(`${where}/${c.name}: no preStop`);
      }
    }
  }
  return findings;
}
