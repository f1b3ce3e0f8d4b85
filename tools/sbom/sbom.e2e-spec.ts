// Issue 21: each service image carries a CycloneDX SBOM, labelled, listing exactly the npm
// packages the image holds; `npm run sbom` lists them. Reads the built images (the e2e stage
// builds them); the running stack is not needed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { imageName, readImageSbom, SERVICE_IMAGES } from './list';
import { npmPackages } from './sbom';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/** name@version of every package directory under /app/node_modules in the image, nested too. */
const WALK = `
  const fs = require('fs'), path = require('path'), found = new Set();
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const at = path.join(dir, entry);
      if (entry.startsWith('@')) { walk(at); continue; }
      const manifest = path.join(at, 'package.json');
      if (fs.existsSync(manifest)) {
        const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        found.add(name + '@' + version);
      }
      walk(path.join(at, 'node_modules'));
    }
  };
  walk('/app/node_modules');
  process.stdout.write(JSON.stringify([...found].sort()));`;

describe('SBOM of every service image (CycloneDX)', () => {
  it.each(SERVICE_IMAGES)(
    '%s: labelled, names the service, and lists exactly the npm packages in the image',
    async (service) => {
      const image = imageName(service);
      const { path, bom } = readImageSbom(image);
      expect(path).toBe('/app/sbom.cdx.json');
      expect(bom.bomFormat).toBe('CycloneDX');
      expect(bom.specVersion).toBe('1.6');
      expect(bom.metadata.component.name).toBe(`shop-${service}`);
      const { stdout } = await run('docker', [
        'run',
        '--rm',
        '--network',
        'none',
        '--entrypoint',
        'node',
        image,
        '-e',
        WALK,
      ]);
      const inImage = JSON.parse(stdout) as string[];
      expect(inImage.length).toBeGreaterThan(100);
      expect([...new Set(npmPackages(bom))].sort()).toEqual(inImage);
    },
  );

  it('`npm run sbom` lists every image with its component count; --components lists them', async () => {
    const env = { ...process.env, NODE_OPTIONS: '' };
    const { stdout } = await run('npm', ['run', '-s', 'sbom'], { cwd: ROOT, env });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(SERVICE_IMAGES.length);
    for (const service of SERVICE_IMAGES) {
      expect(
        lines.some((l) => l.includes(imageName(service)) && l.includes(`shop-${service}@`)),
      ).toBe(true);
    }
    expect(stdout).toMatch(/\d+ components \(\d+ npm, \d+ licences\)\s+CycloneDX 1\.6/);
    const { stdout: listed } = await run(
      'npm',
      ['run', '-s', 'sbom', '--', 'catalog', '--components'],
      {
        cwd: ROOT,
        env,
      },
    );
    expect(listed).toMatch(/^ {4}pkg:npm\/%40nestjs\/core@[\d.]+ {2}MIT$/m);
    expect(listed).toMatch(/^ {4}pkg:npm\/pg@[\d.]+ {2}MIT$/m);
  });

  it('`npm run sbom` refuses an unknown service by name', async () => {
    await expect(
      run('npm', ['run', '-s', 'sbom', '--', 'inventory'], {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '' },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('unknown service inventory') });
  });
});
