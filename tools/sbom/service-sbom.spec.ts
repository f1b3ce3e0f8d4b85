import type { CycloneDxBom } from './sbom';
import { flattenComponents, npmPackages, summarize } from './sbom';

// The build step is plain JavaScript (it runs in the image build, before any TypeScript tooling).
const { serviceSbom } = require('./service-sbom.js') as {
  serviceSbom: (
    bom: CycloneDxBom,
    options: { service: string; version: string; nodeVersion: string },
  ) => CycloneDxBom;
};

const npmBom: CycloneDxBom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  metadata: {
    component: { type: 'application', name: 'shop', version: '0.1.0', 'bom-ref': 'shop@0.1.0' },
  },
  components: [
    {
      type: 'library',
      group: '@nestjs',
      name: 'common',
      version: '12.5.1',
      purl: 'pkg:npm/%40nestjs/common@12.5.1',
      licenses: [{ license: { id: 'MIT' } }],
    },
    {
      type: 'library',
      name: 'pg',
      version: '8.16.0',
      purl: 'pkg:npm/pg@8.16.0',
      licenses: [{ license: { id: 'MIT' } }],
      components: [
        {
          type: 'library',
          name: 'pg-types',
          version: '2.2.0',
          purl: 'pkg:npm/pg-types@2.2.0',
          licenses: [{ expression: 'MIT OR Apache-2.0' }],
        },
      ],
    },
  ],
  dependencies: [
    { ref: 'shop@0.1.0', dependsOn: ['shop@0.1.0|pg@8.16.0'] },
    { ref: 'shop@0.1.0|pg@8.16.0', dependsOn: [] },
  ],
};

describe('serviceSbom (the image build step)', () => {
  const bom = serviceSbom(npmBom, { service: 'catalog', version: '0.1.0', nodeVersion: '24.22.3' });

  it('makes the service the main component, and the root of the dependency graph', () => {
    expect(bom.metadata.component).toMatchObject({
      type: 'application',
      name: 'shop-catalog',
      version: '0.1.0',
      'bom-ref': 'shop-catalog@0.1.0',
    });
    expect(bom.dependencies?.[0]).toEqual({
      ref: 'shop-catalog@0.1.0',
      dependsOn: ['shop@0.1.0|pg@8.16.0'],
    });
    expect(bom.metadata.properties).toContainEqual({ name: 'shop:service', value: 'catalog' });
  });

  it('keeps every npm package, nested ones included, and adds the Node.js runtime', () => {
    expect(npmPackages(bom)).toEqual(['@nestjs/common@12.5.1', 'pg-types@2.2.0', 'pg@8.16.0']);
    expect(flattenComponents(bom.components).map((c) => c.purl)).toContain(
      'pkg:generic/nodejs@24.22.3',
    );
    expect(summarize(bom)).toEqual({
      mainComponent: 'shop-catalog@0.1.0',
      specVersion: '1.6',
      components: 4,
      npmPackages: 3,
      licences: 2,
    });
  });

  it('refuses a service name that is not a plain name', () => {
    expect(() =>
      serviceSbom(npmBom, { service: '../x', version: '1', nodeVersion: '24.0.0' }),
    ).toThrow(/bad service name/);
  });
});
