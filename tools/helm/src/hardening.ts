import { type K8sObject, ofKind, workloads } from './manifests';

/**
 * What every pod the chart runs must have, as a list of findings ("<workload>/<container>: ...");
 * empty when all is well. No exceptions: Kafka and Postgres included.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

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
      if (!init) {
        if (!c.readinessProbe) findings.push(`${at}: no readinessProbe`);
        if (!c.livenessProbe) findings.push(`${at}: no livenessProbe`);
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
      if (sc.readOnlyRootFilesystem === true) {
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
