#!/usr/bin/env node
// Runs electron-builder (after `npm run build`) with two protections for the clone it runs in:
//
// 1. npm passes its `nodedir` setting down as npm_config_nodedir. node-gyp, asked by electron-builder to rebuild
//    better-sqlite3 for Electron, would then compile against that Node's headers instead of Electron's: the build
//    succeeds, the installer is produced, and the app fails at launch on a NODE_MODULE_VERSION mismatch. It is
//    removed here, so the rebuild uses Electron's prebuilt binary or headers as it should.
// 2. electron-builder rebuilds better-sqlite3 in place (npmRebuild), leaving node_modules with a build that plain
//    Node cannot load: the tests and the CLI would fail until a `npm rebuild`. The Node build is put back after,
//    and @electron/rebuild's marker (build/Release/.forge-meta) removed, which would otherwise make the next
//    packaging skip the rebuild as done and ship Node's build.
//
// Arguments go to electron-builder: `npm run dist -- --linux AppImage`.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
// node-gyp's rebuild deletes and recreates better-sqlite3's build folder, so the whole folder is kept aside.
const build = path.join(root, 'node_modules', 'better-sqlite3', 'build');
const rebuildMarker = path.join(build, 'Release', '.forge-meta');
const saved = path.join(root, 'node_modules', '.cache', 'cluster-insight', 'better-sqlite3-build-for-node');

const env = { ...process.env };
for (const name of Object.keys(env)) if (name.toLowerCase() === 'npm_config_nodedir') delete env[name];

const hadNodeBuild = existsSync(path.join(build, 'Release', 'better_sqlite3.node'));
if (hadNodeBuild) {
  rmSync(saved, { recursive: true, force: true });
  cpSync(build, saved, { recursive: true });
}
// Whatever a previous run left, this run rebuilds for Electron.
rmSync(rebuildMarker, { force: true });
const restore = () => {
  if (hadNodeBuild) {
    rmSync(build, { recursive: true, force: true });
    cpSync(saved, build, { recursive: true });
  }
  rmSync(rebuildMarker, { force: true });
};

const cli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
const child = spawn(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
// Ctrl-C reaches electron-builder too; we stay to put the Node build back once it has stopped.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  restore();
  console.error(`could not run electron-builder: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  restore();
  process.exit(code ?? (signal ? 1 : 0));
});
