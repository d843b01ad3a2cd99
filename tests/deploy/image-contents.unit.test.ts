// What `npm ci --omit=dev` (the Dockerfile's prod-deps stage) puts into every image, read from
// package-lock.json as npm reads it: entries not marked dev. Build and test toolchains stay out;
// everything the services and the gateway import at run time stays in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface LockEntry {
  version?: string;
  dev?: boolean;
  link?: boolean;
  resolved?: string;
}
interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
/**
 * Installed paths (node_modules/…) of the packages a production install keeps: all but `dev`.
 * `devOptional` ones stay (an optional dependency of a runtime package that is also a dev one,
 * e.g. an optional peer): --omit=dev keeps them because optional ones are not omitted.
 */
const production = Object.entries(lock.packages)
  .filter(([p, e]) => p.includes('node_modules/') && !e.link && !e.dev)
  .map(([p]) => p);
const productionNames = new Set(production.map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length)));

const manifest = (dir: string) => JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;
const workspaceDirs = ['packages', 'services']
  .flatMap((parent) => readdirSync(path.join(ROOT, parent)).map((d) => `${parent}/${d}`))
  .filter((d) => {
    try {
      return statSync(path.join(ROOT, d, 'package.json')).isFile();
    } catch {
      return false;
    }
  });
/** Workspaces whose code runs in an image: every package and service, and the gateway. */
const runtimeWorkspaces = [...workspaceDirs, 'gateway'];
const byName = new Map(runtimeWorkspaces.map((d) => [manifest(d).name, d]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // `import type` is erased by the compiler: it needs no runtime dependency.
  const specs = [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s) && !s.startsWith('@types/'));
}

describe('the production install (npm ci --omit=dev) that every image carries', () => {
  it.each([
    'typescript',
    'vite',
    'esbuild',
    'rollup',
    '@vitejs/plugin-react',
    'antd',
    'react',
    'react-dom',
    'echarts',
    '@graphql-codegen/cli',
    'playwright-core',
    'jest',
    '@swc/core',
    'autocannon',
  ])('leaves out the build and test tool %s', (name) => {
    expect(productionNames.has(name)).toBe(false);
  });

  it('stays small: under 200 packages (163 when the console and test libraries left it; 603 before)', () => {
    expect(production.length).toBeLessThan(200);
  });

  it('declares no runtime dependencies for the web console (bundled at image build time) nor for the tests', () => {
    expect(manifest('web').dependencies ?? {}).toEqual({});
    expect(manifest('tests').dependencies ?? {}).toEqual({});
  });

  it.each(runtimeWorkspaces)(
    'has every package that %s imports at run time among its own dependencies, and in the production install',
    (dir) => {
      const m = manifest(dir);
      const deps = new Set(Object.keys(m.dependencies ?? {}));
      const missing: string[] = [];
      const notInstalled: string[] = [];
      for (const file of sourceFiles(path.join(ROOT, dir, 'src'))) {
        for (const spec of importsOf(file)) {
          const pkg = packageOf(spec);
          if (pkg === m.name) continue;
          const where = `${pkg} (${path.relative(ROOT, file)})`;
          if (!deps.has(pkg)) missing.push(where);
          else if (!byName.has(pkg) && !productionNames.has(pkg)) notInstalled.push(where);
        }
      }
      expect({ dir, missing }).toEqual({ dir, missing: [] });
      expect({ dir, notInstalled }).toEqual({ dir, notInstalled: [] });
    },
  );
});
