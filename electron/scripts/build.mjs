#!/usr/bin/env node
// `npm run build:electron`: bundles the main process and the preload with esbuild into dist/electron/.
//
// main.cjs: the main process with agent-core and its pure-JS dependencies inlined (one file to load from app.asar,
//   no resolution of hundreds of modules at start-up). CommonJS because the package is "type": "module" and
//   Electron loads a .cjs main without ceremony; esbuild turns agent-core's ESM and `.ts` import paths into it.
//   External: electron (provided by the runtime) and better-sqlite3 (a native addon, rebuilt for Electron and
//   unpacked from the asar by electron-builder), plus ws's optional native speed-ups.
// preload.cjs: a sandboxed preload may require only 'electron' and a few polyfills, so everything it uses is
//   inlined and the build fails if anything else would be required at run time.
import { mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT_DIR = path.join(root, 'dist', 'electron');
export const MAIN_BUNDLE = path.join(OUT_DIR, 'main.cjs');
export const PRELOAD_BUNDLE = path.join(OUT_DIR, 'preload.cjs');

/** Older than Electron 41's own Node and Chromium, so esbuild lowers nothing they support. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome130';

const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'];
/**
 * Every package main.cjs may still require at run time. The packaged app ships only better-sqlite3's part of
 * node_modules (see electron-builder.yml), so a new one here must be either inlined or added there. The optional
 * ones are required inside try/catch by ws and node-fetch, which work without them.
 */
const MAIN_ALLOWED_REQUIRES = new Set(['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate', 'encoding']);
/** What a sandboxed preload may require (Electron's "sandboxed preload" polyfill list, of which we use one). */
const PRELOAD_ALLOWED_REQUIRES = new Set(['electron']);

/** The bare module names a bundle still requires at run time, from esbuild's metafile. */
function runtimeRequires(metafile, outfile) {
  const output = metafile.outputs[path.relative(root, outfile).split(path.sep).join('/')];
  return new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path));
}

export async function buildElectron({ logLevel = 'warning' } = {}) {
  mkdirSync(OUT_DIR, { recursive: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    // Keep the bundle readable in a stack trace; the size is irrelevant next to Electron itself.
    minify: false,
    metafile: true,
    logLevel,
    // A warning here is a bundling problem that would surface only at run time inside Electron.
    logOverride: { 'require-resolve-not-external': 'error' },
  };

  const [main, preload] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: MAIN_BUNDLE,
      platform: 'node',
      target: NODE_TARGET,
      external: MAIN_EXTERNALS,
      // Inside Electron the store opens files with the build of better-sqlite3 made for Electron's ABI (see
      // agent-core/store/sqlite-driver.ts): the Node-API build installed beside it for plain Node is not shipped.
      alias: { 'better-sqlite3-napi': 'better-sqlite3' },
      // The bundle is CommonJS, where ESM's import.meta.url does not exist: give the modules that read it (the demo's
      // sim/ code) the bundle's own file URL, as Node would for a file of their own.
      banner: { js: "const __bundle_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__bundle_import_meta_url' },
    }),
    esbuild.build({
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: PRELOAD_BUNDLE,
      // 'browser' so that importing a Node built-in fails the build instead of failing in the sandbox.
      platform: 'browser',
      target: CHROME_TARGET,
      external: ['electron'],
    }),
  ]);

  const preloadRequires = runtimeRequires(preload.metafile, PRELOAD_BUNDLE);
  const forbidden = [...preloadRequires].filter((name) => !PRELOAD_ALLOWED_REQUIRES.has(name));
  if (forbidden.length > 0) throw new Error(`the sandboxed preload would require ${forbidden.join(', ')}, which a sandboxed preload cannot load`);
  const builtins = new Set(builtinModules);
  const mainRequires = [...runtimeRequires(main.metafile, MAIN_BUNDLE)].filter((name) => !name.startsWith('node:') && !builtins.has(name));
  const unexpected = mainRequires.filter((name) => !MAIN_ALLOWED_REQUIRES.has(name));
  if (unexpected.length > 0) throw new Error(`main.cjs would require ${unexpected.join(', ')} at run time: inline it, or ship it (electron-builder.yml) and allow it here`);
  return { main: MAIN_BUNDLE, preload: PRELOAD_BUNDLE, mainRequires };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const result = await buildElectron();
    console.log(`built ${path.relative(root, result.main)} and ${path.relative(root, result.preload)} in ${Date.now() - started} ms`);
  } catch (err) {
    // esbuild has already printed its diagnostics; ours are one line.
    if (!err?.errors) console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
