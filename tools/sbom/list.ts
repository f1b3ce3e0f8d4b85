// `npm run sbom`: the software bill of materials (CycloneDX) of each service image, as the image
// build made it (docker/Dockerfile, stage `sbom`) and labelled it (`org.cyclonedx.sbom.path`).
//
//   npm run sbom                         one line per image: components, format, where it is
//   npm run sbom -- catalog --components  every component of catalog's image (name, version, licence)
//   npm run sbom -- --out tmp/sbom        also writes <service>.cdx.json files (for a scanner)
//
// Images: ${SHOP_IMAGE_PREFIX:-shop}/<service>:${SHOP_IMAGE_TAG:-dev} (`npm run images` builds them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flattenComponents, summarize, type CycloneDxBom } from './sbom';

export const SERVICE_IMAGES = ['gateway', 'accounts', 'catalog', 'cart', 'orders', 'payments'];
export const SBOM_PATH_LABEL = 'org.cyclonedx.sbom.path';

export function imageName(service: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${env['SHOP_IMAGE_PREFIX'] || 'shop'}/${service}:${env['SHOP_IMAGE_TAG'] || 'dev'}`;
}

/** The SBOM an image carries, found through its label. */
export function readImageSbom(image: string): { path: string; bom: CycloneDxBom } {
  const labels = JSON.parse(
    execFileSync('docker', ['image', 'inspect', '--format', '{{json .Config.Labels}}', image], {
      encoding: 'utf8',
    }),
  ) as Record<string, string> | null;
  const path = labels?.[SBOM_PATH_LABEL];
  if (!path)
    throw new Error(`${image} has no ${SBOM_PATH_LABEL} label: rebuild it (npm run images)`);
  const text = execFileSync(
    'docker',
    ['run', '--rm', '--network', 'none', '--entrypoint', 'cat', image, path],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return { path, bom: JSON.parse(text) as CycloneDxBom };
}

function main(argv: string[]): void {
  const showComponents = argv.includes('--components');
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  if (outIndex >= 0 && !outDir) throw new Error('--out needs a directory');
  const named = argv.filter((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
  const unknown = named.filter((n) => !SERVICE_IMAGES.includes(n));
  if (unknown.length > 0) {
    throw new Error(`unknown service ${unknown.join(', ')}: one of ${SERVICE_IMAGES.join(', ')}`);
  }
  const services = named.length > 0 ? named : SERVICE_IMAGES;
  if (outDir) mkdirSync(outDir, { recursive: true });
  for (const service of services) {
    const image = imageName(service);
    const { path, bom } = readImageSbom(image);
    const s = summarize(bom);
    process.stdout.write(
      `${image.padEnd(24)} ${s.mainComponent.padEnd(20)} ${String(s.components).padStart(4)} components ` +
        `(${s.npmPackages} npm, ${s.licences} licences)  CycloneDX ${s.specVersion}  ${path}\n`,
    );
    if (showComponents) {
      for (const c of flattenComponents(bom.components)) {
        const licences = (c.licenses ?? [])
          .map((l) => l.license?.id ?? l.license?.name ?? l.expression ?? '?')
          .join(' OR ');
        process.stdout.write(`    ${c.purl ?? c.name}  ${licences || '(no licence)'}\n`);
      }
    }
    if (outDir) {
      const file = join(outDir, `${service}.cdx.json`);
      writeFileSync(file, `${JSON.stringify(bom, null, 2)}\n`);
      process.stdout.write(`    written to ${file}\n`);
    }
  }
}

if (require.main === module) {
  // `npm run sbom -- catalog --components | head`: stop quietly when the reader has had enough
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`sbom: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
