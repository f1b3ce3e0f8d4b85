import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Rendering deploy/helm/shop with the pinned helm (tools/helm/ensure-tools.sh), offline. */

export const ROOT = resolve(__dirname, '../../..');
export const CHART = join(ROOT, 'deploy/helm/shop');
const TOOLS = join(ROOT, 'tmp/helm-tools');
export const NAMESPACE = 'shop';

/** A Kubernetes object as rendered: only what the tests read is typed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** The value sets CI renders: the defaults and deploy/helm/shop/ci/<name>-values.yaml. */
export const VALUE_SETS = ['default', 'production', 'minimal'] as const;
export type ValueSet = (typeof VALUE_SETS)[number];

export function versions(): Record<string, string> {
  const text = readFileSync(join(ROOT, 'tools/helm/versions.env'), 'utf8');
  return Object.fromEntries(
    [...text.matchAll(/^([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
}

function tool(name: 'helm' | 'kubeconform'): string {
  const path = join(TOOLS, 'bin', name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run tools/helm/ensure-tools.sh (or npm run test:helm)`);
  }
  return path;
}

export interface RenderOptions {
  readonly set?: ValueSet;
  /** extra --set-string / --set arguments, e.g. ['gateway.exposure=none'] */
  readonly setValues?: readonly string[];
  readonly release?: string;
}

function helmArgs({ set = 'default', setValues = [], release }: RenderOptions): string[] {
  const args = [
    'template',
    release ?? (set === 'minimal' ? 'demo' : 'shop'),
    CHART,
    '--namespace',
    NAMESPACE,
    '--kube-version',
    versions()['KUBERNETES_VERSION'] as string,
  ];
  if (set !== 'default') args.push('-f', join(CHART, 'ci', `${set}-values.yaml`));
  for (const value of setValues) args.push('--set', value);
  return args;
}

const helmEnv = () => ({
  ...process.env,
  HELM_CONFIG_HOME: join(ROOT, 'tmp/helm/home/config'),
  HELM_CACHE_HOME: join(ROOT, 'tmp/helm/home/cache'),
  HELM_DATA_HOME: join(ROOT, 'tmp/helm/home/data'),
});

const cache = new Map<string, K8sObject[]>();

/** `helm template` of the chart, parsed; every call gets its own copy (tests mutate them). */
export function render(options: RenderOptions = {}): K8sObject[] {
  const args = helmArgs(options);
  const key = args.join('\0');
  let objects = cache.get(key);
  if (!objects) {
    const text = execFileSync(tool('helm'), args, {
      encoding: 'utf8',
      env: helmEnv(),
      maxBuffer: 64 * 1024 * 1024,
    });
    objects = parseManifests(text);
    cache.set(key, objects);
  }
  return structuredClone(objects);
}

/** `helm template` expected to fail: its error output. */
export function renderError(options: RenderOptions): string {
  const result = spawnSync(tool('helm'), helmArgs(options), { encoding: 'utf8', env: helmEnv() });
  if (result.status === 0) throw new Error(`helm template succeeded with ${helmArgs(options)}`);
  return result.stderr;
}

export function parseManifests(text: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors[0]}`);
    const value = document.toJSON() as K8sObject | null;
    if (value) objects.push(value);
  }
  return objects;
}

/** kubeconform -strict, as tools/helm/check.sh runs it: the exit code and its output. */
export function kubeconform(objects: readonly K8sObject[]): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'helm-spec-'));
  const file = join(dir, 'manifests.json');
  // one JSON document per line is YAML too
  writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
  const result = spawnSync(
    tool('kubeconform'),
    [
      '-strict',
      '-summary',
      '-schema-location',
      join(TOOLS, 'schemas/{{.ResourceKind}}{{.KindSuffix}}.json'),
      file,
    ],
    { encoding: 'utf8' },
  );
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export const ofKind = (objects: readonly K8sObject[], kind: string) =>
  objects.filter((o) => o.kind === kind);

export function named(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} rendered`);
  return found;
}

/** The component label of a workload (gateway, accounts, ..., postgres, kafka). */
export const componentOf = (o: K8sObject): string =>
  o.metadata.labels?.['app.kubernetes.io/component'] ?? o.metadata.name;

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/** Every workload with its pod template (a CronJob's is two levels down). */
export function workloads(objects: readonly K8sObject[]) {
  return objects
    .filter((o) => WORKLOAD_KINDS.includes(o.kind))
    .map((o) => ({
      object: o,
      component: componentOf(o),
      template: o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template,
    }));
}
