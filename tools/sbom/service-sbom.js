#!/usr/bin/env node
// Run by docker/Dockerfile (stage `sbom`): turns the CycloneDX SBOM that cyclonedx-npm made of the
// runtime image's node_modules into that service's SBOM: the main component becomes the service
// (`shop-<service>`, the repo's version) and the image's Node.js runtime is listed with it.
// Usage: node tools/sbom/service-sbom.js <service> <in.cdx.json> <out.cdx.json>
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');

/** The SBOM of one service image, from the SBOM of its node_modules (pure: tested). */
function serviceSbom(bom, { service, version, nodeVersion }) {
  if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new Error(`bad service name: ${service}`);
  const ref = `shop-${service}@${version}`;
  const dependencies = (bom.dependencies ?? []).map((d) =>
    d.ref === bom.metadata?.component?.['bom-ref'] ? { ...d, ref } : d,
  );
  const runtime = {
    type: 'platform',
    'bom-ref': `nodejs@${nodeVersion}`,
    name: 'node',
    version: nodeVersion,
    description: 'Node.js runtime of the image (from its base image, not from npm)',
    purl: `pkg:generic/nodejs@${nodeVersion}`,
    licenses: [{ license: { id: 'MIT' } }],
  };
  return {
    ...bom,
    metadata: {
      ...bom.metadata,
      component: {
        type: 'application',
        'bom-ref': ref,
        name: `shop-${service}`,
        version,
        description: `Shop reference microservices: ${service} (container image)`,
      },
      properties: [
        ...(bom.metadata?.properties ?? []),
        { name: 'shop:service', value: service },
        {
          name: 'shop:scope',
          value:
            'npm packages in /app/node_modules and the Node.js runtime; the base image OS packages are not listed',
        },
      ],
    },
    components: [...(bom.components ?? []), runtime],
    dependencies,
  };
}

module.exports = { serviceSbom };

if (require.main === module) {
  const [service, input, output] = process.argv.slice(2);
  if (!service || !input || !output) {
    process.stderr.write('usage: service-sbom.js <service> <in.cdx.json> <out.cdx.json>\n');
    process.exit(2);
  }
  const bom = JSON.parse(readFileSync(input, 'utf8'));
  const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
  const out = serviceSbom(bom, { service, version, nodeVersion: process.versions.node });
  writeFileSync(output, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`SBOM of shop-${service}: ${countComponents(out.components)} components\n`);
}

function countComponents(components) {
  return (components ?? []).reduce((n, c) => n + 1 + countComponents(c.components), 0);
}
