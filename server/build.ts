/**
 * `npm run build:server`: the server as JavaScript for production (the Dockerfile runs it; why not
 * TypeScript at run time: docs/DEPLOYMENT.md, The image). server/dist/ gets `main.mjs` and
 * `backup.mjs`, with `chunks/` for the code they share and for the backends loaded only when
 * configured; together they hold every dependency except better-sqlite3, whose compiled addon
 * cannot be bundled: it is copied into server/dist/node_modules with the two small packages that load
 * it. server/dist then runs on its own, with web/dist beside it (server.ts finds the web app at
 * ../../web/dist from either src/ or dist/).
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const serverDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(serverDir, 'dist');

/** Resolves a package's folder as the package at `from` would. */
function packageDir(name: string, from: string): string {
  return dirname(createRequire(join(from, 'package.json')).resolve(`${name}/package.json`));
}

/**
 * zod's `locales` namespace re-exports its messages in ~45 languages (300 KB of the bundle, kept
 * whole because a namespace cannot be tree-shaken); Concord's errors are its own codes and zod only
 * ever uses English, so the namespace keeps English alone.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(dirname(importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ path }) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(path),
      loader: 'js',
    }));
  },
};

rmSync(outDir, { recursive: true, force: true });
await build({
  entryPoints: { main: join(serverDir, 'src/main.ts'), backup: join(serverDir, 'src/backup.ts') },
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // pg-native is pg's optional native driver, never installed here.
  external: ['better-sqlite3', 'pg-native'],
  sourcemap: true,
  // Memory and start-up (docs/BENCHMARKS.md, issue 12): V8 keeps the whole source in memory, and
  // one non-ASCII character in a kept comment stores it at two bytes a character; whitespace and
  // comments go, names stay (stack traces stay readable without the source map).
  minifyWhitespace: true,
  minifySyntax: true,
  // What only some configurations use (pg, ioredis, the Redis extension) goes in chunks of its
  // own, read from disk only when `import()`ed, instead of sitting parsed in every process.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [zodEnglishOnly],
  // CommonJS dependencies inside an ES module still call require() for Node's built-ins.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});

// better-sqlite3's JavaScript and compiled addon, without the C sources and build objects it was
// compiled from; `bindings` finds the addon in build/Release, and needs file-uri-to-path.
const sqlite = packageDir('better-sqlite3', serverDir);
const bindings = packageDir('bindings', sqlite);
const fileUriToPath = packageDir('file-uri-to-path', bindings);
const modules = join(outDir, 'node_modules');
for (const part of ['package.json', 'LICENSE', 'lib', 'build/Release/better_sqlite3.node']) {
  mkdirSync(dirname(join(modules, 'better-sqlite3', part)), { recursive: true });
  cpSync(join(sqlite, part), join(modules, 'better-sqlite3', part), { recursive: true });
}
for (const [name, dir] of [['bindings', bindings], ['file-uri-to-path', fileUriToPath]] as const) {
  cpSync(dir, join(modules, name), { recursive: true });
}
