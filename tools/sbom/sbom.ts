/** The parts of a CycloneDX (1.6, JSON) document the tools and tests here read. */
export interface CycloneDxComponent {
  readonly type: string;
  readonly name: string;
  readonly group?: string;
  readonly version?: string;
  readonly purl?: string;
  readonly 'bom-ref'?: string;
  readonly licenses?: ReadonlyArray<{
    readonly license?: { readonly id?: string; readonly name?: string };
    readonly expression?: string;
  }>;
  readonly components?: readonly CycloneDxComponent[];
}

export interface CycloneDxBom {
  readonly bomFormat: string;
  readonly specVersion: string;
  readonly metadata: {
    readonly component: CycloneDxComponent;
    readonly properties?: ReadonlyArray<{ name: string; value: string }>;
  };
  readonly components?: readonly CycloneDxComponent[];
  readonly dependencies?: ReadonlyArray<{ ref: string; dependsOn?: string[] }>;
}

/** Every component, nested ones (a package's own node_modules) included, sorted by purl. */
export function flattenComponents(
  components: readonly CycloneDxComponent[] | undefined,
): CycloneDxComponent[] {
  const all: CycloneDxComponent[] = [];
  const walk = (list: readonly CycloneDxComponent[] | undefined): void => {
    for (const c of list ?? []) {
      all.push(c);
      walk(c.components);
    }
  };
  walk(components);
  return all.sort((a, b) => (a.purl ?? a.name).localeCompare(b.purl ?? b.name));
}

/** `name@version` of every npm package an SBOM lists (scoped names with their scope). */
export function npmPackages(bom: CycloneDxBom): string[] {
  return flattenComponents(bom.components)
    .filter((c) => c.purl?.startsWith('pkg:npm/'))
    .map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version ?? ''}`);
}

export function summarize(bom: CycloneDxBom): {
  mainComponent: string;
  specVersion: string;
  components: number;
  npmPackages: number;
  licences: number;
} {
  const all = flattenComponents(bom.components);
  const licences = new Set(
    all.flatMap((c) =>
      (c.licenses ?? []).map((l) => l.license?.id ?? l.license?.name ?? l.expression ?? '?'),
    ),
  );
  return {
    mainComponent: `${bom.metadata.component.name}@${bom.metadata.component.version ?? ''}`,
    specVersion: bom.specVersion,
    components: all.length,
    npmPackages: all.filter((c) => c.purl?.startsWith('pkg:npm/')).length,
    licences: licences.size,
  };
}
