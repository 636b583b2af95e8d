// npm run build, after tsc: the CLI as one CommonJS file, dist/bundle/hotline.cjs, that bin/hotline
// runs with a V8 code cache (bin/launch.cjs). Why: Node's ESM loader resolving ~400 files (kysely
// alone 263) was over half of every command's start-up; one file compiled from a code cache is
// close to `node -e 0`. CommonJS, not ESM, because only a classic script can be compiled with
// `vm.Script` cachedData on Node 20 (no module.enableCompileCache before Node 22).
//
// Kept out of the bundle (loaded by require from node_modules when used): better-sqlite3 (native),
// and the format-specific packages a plain command never needs, so they cost nothing at start-up:
// exceljs, echarts (HTML charts), @inquirer/prompts (terminal questions), cli-progress (import
// progress bar), chinese-days (a JSON read once per command); iconv-lite through LAZY below.
// dynamic import() becomes a lazy require(): a vm.Script has no ESM loader behind it.
//
// Then the code cache is written by running the bundle once (`overdue` on a fresh temp database,
// what a start-up looks like, after `init` made it) with HOTLINE_CODE_CACHE=write: see bin/launch.cjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = path.join(ROOT, 'dist', 'bundle', 'hotline.cjs');

/**
 * Modules required at load time by code that uses them only now and then: node:crypto (import's
 * and register's source hash; ~4 ms to load), node:child_process (commander, for executable
 * sub-commands hotline does not have; ~5 ms with dgram), iconv-lite (non-UTF-8 imports only),
 * pinyin-pro (its dictionary is large; only the terminal's unit picker uses it). The
 * bundle gets a stand-in that requires the real module on first use, so the source can keep plain
 * static imports.
 */
const LAZY = ['node:crypto', 'node:child_process', 'iconv-lite', 'pinyin-pro'];

const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const names = new Set(LAZY.flatMap((m) => [m, m.replace(/^node:/, '')]));
    const canonical = (p) => LAZY.find((m) => m === p || m === `node:${p}`);
    b.onResolve({ filter: /^[\w:@/-]+$/ }, (args) => {
      if (!names.has(args.path)) return undefined;
      // the stand-in's own require: the real module, from node_modules or Node
      if (args.namespace === 'lazy') return { path: canonical(args.path), external: true };
      return { path: canonical(args.path), namespace: 'lazy' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const real = createRequire(import.meta.url)(args.path);
      const fns = Object.keys(real).filter((k) => /^[a-z]\w*$/.test(k) && typeof real[k] === 'function');
      // Named exports for ES modules (functions only, called through), and a default export whose
      // properties are read through on use (`iconv.decode(...)`, `childProcess.spawn(...)`).
      const contents = [
        `let real; const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
        ...fns.map((k) => `export function ${k}(...a) { return load().${k}(...a); }`),
        'export default new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });',
      ].join('\n');
      return { contents, loader: 'js', resolveDir: ROOT };
    });
  },
};

/**
 * Packages whose ES module build a dynamic import() gets in Node, but whose CommonJS build a
 * bundle's require() gets: there `default` is `exports.default`, not the whole exports object as
 * esbuild's import() of CommonJS would have it. A stand-in gives the bundle the ESM shape.
 */
const ESM_DEFAULT = ['@inquirer/search'];

const esmDefault = {
  name: 'esm-default',
  setup(b) {
    const filter = new RegExp(`^(${ESM_DEFAULT.map((m) => m.replace(/[/@]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'esm-default' ? { path: args.path, external: true } : { path: args.path, namespace: 'esm-default' }));
    b.onLoad({ filter: /.*/, namespace: 'esm-default' }, (args) => {
      const real = createRequire(import.meta.url)(args.path);
      const names = Object.keys(real).filter((k) => k !== 'default' && /^[A-Za-z_]\w*$/.test(k));
      const contents = [`const m = require(${JSON.stringify(args.path)});`, 'export default m.default;', ...names.map((k) => `export const ${k} = m.${k};`)].join('\n');
      return { contents, loader: 'js', resolveDir: ROOT };
    });
  },
};

export const EXTERNAL = ['better-sqlite3', 'exceljs', 'echarts', 'echarts/*', '@inquirer/prompts', '@node-rs/jieba', '@node-rs/jieba/*', 'cli-progress', 'chinese-days', 'chinese-days/*'];

await build({
  entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL,
  plugins: [lazyModules, esmDefault],
  supported: { 'dynamic-import': false },
  // import.meta.url (data/ and package.json are found from it) is the bundle's own URL: the bundle
  // is two levels under the root like every dist/<dir>/<file>.js, so the relative paths still hold.
  define: { 'import.meta.url': '__hotlineBundleUrl' },
  banner: { js: 'var __hotlineBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // Less to read and compile at every start; names are kept, and the source map gives src/ lines.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const f of [`${OUT}.cache`]) fs.rmSync(f, { force: true });

const left = fs.readFileSync(OUT, 'utf8').match(/\bimport\(/g);
if (left) throw new Error(`dist/bundle/hotline.cjs still has ${left.length} import() calls: a vm.Script cannot run them`);

// Warm run: writes dist/bundle/hotline.cjs.cache (owner-only).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-build-'));
try {
  const hotline = (args, env = {}) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'hotline'), ...args, '--db', path.join(dir, 'warm.db')], {
      env: { ...process.env, HOTLINE_LANG: 'zh', NO_COLOR: '1', ...env },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`warm run of the bundle failed (${r.status}): ${r.stderr}`);
  };
  hotline(['init']);
  hotline(['overdue'], { HOTLINE_CODE_CACHE: 'write' });
  if (!fs.existsSync(`${OUT}.cache`)) throw new Error('warm run wrote no code cache');
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
