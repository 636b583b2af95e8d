// npm run build, after tsc: the CLI as one CommonJS file, dist/bundle/hotline.cjs, that bin/hotline
// runs with a V8 code cache (bin/launch.cjs). Why: Node's ESM loader resolving ~400 files (kysely
// alone 263) was over half of every command's start-up; one file compiled from a code cache is
// close to `node -e 0`. CommonJS, not ESM, because only a classic script can be compiled with
// `vm.Script` cachedData on Node 20 (no module.enableCompileCache before Node 22).
//
// Kept out of the bundle (loaded by require from node_modules when used): better-sqlite3's native
// addon (its JavaScript is bundled: bundledSqlite below), and the format-specific packages a plain command never needs, so they cost nothing at start-up:
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
 * sub-commands hotline does not have; ~5 ms with dgram), node:v8 (the import's heap watch), iconv-lite (non-UTF-8 imports only),
 * pinyin-pro (its dictionary is large; only the terminal's unit picker uses it). The
 * bundle gets a stand-in that requires the real module on first use, so the source can keep plain
 * static imports.
 */
const LAZY = ['node:crypto', 'node:child_process', 'node:v8', 'iconv-lite', 'pinyin-pro'];

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

export const EXTERNAL = ['bindings', 'exceljs', 'echarts', 'echarts/*', '@inquirer/prompts', '@node-rs/jieba', '@node-rs/jieba/*', 'cli-progress', 'chinese-days', 'chinese-days/*'];

/**
 * better-sqlite3's JavaScript goes into the bundle (the native addon stays in node_modules): its
 * `require` in src/store/native.ts becomes the bundle's own by dropping the line that makes it
 * with createRequire, which esbuild cannot follow. `bindings` (only used when the addon is not
 * where native.ts looks) stays external.
 */
const bundledSqlite = {
  name: 'bundled-sqlite',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]store[\\/]native\.ts$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const marker = /^\s*const require = createRequire\(import\.meta\.url\); \/\/ bundle: dropped\n/m;
      if (!marker.test(text)) throw new Error('src/store/native.ts: the createRequire line the bundle drops is gone');
      return { contents: text.replace(marker, ''), loader: 'ts' };
    });
  },
};

/** Base64 digits of source-map VLQs. */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

await build({
  entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL,
  plugins: [lazyModules, esmDefault, bundledSqlite],
  supported: { 'dynamic-import': false },
  // import.meta.url (data/ and package.json are found from it) is the bundle's own URL: the bundle
  // is two levels under the root like every dist/<dir>/<file>.js, so the relative paths still hold.
  // The version, written in: commander needs it at every start, and package.json need not be read for it.
  define: { 'import.meta.url': '__hotlineBundleUrl', __HOTLINE_VERSION__: JSON.stringify(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version) },
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
asciiOnly(OUT);

const left = fs.readFileSync(OUT, 'utf8').match(/\bimport\(/g);
if (left) throw new Error(`dist/bundle/hotline.cjs still has ${left.length} import() calls: a vm.Script cannot run them`);

/**
 * The bundle in ASCII. esbuild escapes non-ASCII characters in strings but leaves them in regular
 * expression literals and String.raw templates (the Chinese date and list separators), and one
 * such character makes Node read the whole 1.2 MB file into a two-byte string: twice the memory
 * and ~2 ms more at every start. There, `\uXXXX` means the same character: in a regex literal,
 * and in a String.raw template, which hotline uses only as RegExp source (domain/time.ts); a
 * character anywhere else (a comment would be the only other place) fails the build. The source
 * map's columns after each escape move with it, so --debug stack traces still name src/ lines.
 */
function asciiOnly(file) {
  const code = fs.readFileSync(file, 'utf8');
  const lines = code.split('\n');
  /** Per changed line: the columns (UTF-16, before the change) of its escaped characters. */
  const moved = new Map();
  const out = lines.map((line, n) => {
    if (!/[^\x00-\x7f]/.test(line)) return line;
    const cols = [];
    const escaped = line.replace(/[^\x00-\x7f]/g, (c, col) => {
      const before = line.slice(0, col);
      const inRegex = /\/[^/\n]*$/.test(before) || /String\.raw`[^`]*$/.test(before);
      if (!inRegex) throw new Error(`bundle: non-ASCII character outside a regular expression at ${n + 1}:${col + 1}`);
      cols.push(col);
      return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    });
    moved.set(n, cols);
    return escaped;
  });
  fs.writeFileSync(file, out.join('\n'));
  const mapFile = `${file}.map`;
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const mapLines = map.mappings.split(';');
  for (const [n, cols] of moved) {
    let col = 0;
    let shifted = 0;
    mapLines[n] = mapLines[n]
      .split(',')
      .map((seg) => {
        const v = vlqDecode(seg);
        col += v[0];
        const to = col + 5 * cols.filter((c) => c < col).length;
        v[0] = to - shifted;
        shifted = to;
        return v.map(vlqEncode).join('');
      })
      .join(',');
  }
  map.mappings = mapLines.join(';');
  fs.writeFileSync(mapFile, JSON.stringify(map));
}

function vlqDecode(seg) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const d = B64.indexOf(ch);
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
function vlqEncode(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = '';
  do {
    let d = v & 31;
    v >>>= 5;
    if (v > 0) d |= 32;
    s += B64[d];
  } while (v > 0);
  return s;
}

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
