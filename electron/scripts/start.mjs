#!/usr/bin/env node
// `npm start`: the desktop app from a clone. Builds what is stale (the renderer when its sources are newer than
// its build; the main and preload bundles always, which takes about a second), makes sure the Electron binary and
// an Electron build of better-sqlite3 exist (prepare-electron.mjs: the binary is fetched once, on the first run),
// then runs Electron on the repository and passes on its exit code. When Electron cannot be had (offline, a
// blocked mirror) it says so and serves the same app in web mode (`npm run web`), opening the default browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build.mjs';
import { PrepareError, prepareElectron } from './prepare-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const say = (line) => process.stderr.write(`${line.replace(/^/gm, '[npm start] ')}\n`);

function npmRun(script) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new PrepareError(`npm run ${script} failed (see above).`);
}

/** The newest modification time of the files under `dir`, skipping build output, dependencies and dot files. */
function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildRendererIfStale() {
  const built = path.join(root, 'renderer', 'dist', 'index.html');
  // The renderer bundles the contract too, so a contract change makes its build stale.
  const sources = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'agent-core', 'contract')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  say(existsSync(built) ? 'the renderer changed since its last build: building it' : 'building the renderer (first run)');
  npmRun('build:renderer');
}

function runElectron(executable) {
  const env = { ...process.env };
  // Inherited from a parent Electron tool, this would make Electron act as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  // Stack traces in the main process point at the TypeScript sources (dist/electron/main.cjs.map).
  env.NODE_OPTIONS = [env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' ');
  const child = spawn(executable, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  // A terminal's Ctrl-C reaches Electron directly (same process group); a signal sent to this script alone is
  // passed on, so Electron quits the usual way (the core flushes the current minute).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    say(`could not run ${executable}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
}

/** No Electron here: the same renderer and core, served to the default browser (what `npm run web` does). */
function runWebMode() {
  say('starting the same app in web mode instead (`npm run web`): open the URL below in a browser.');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'cluster-insight.js'), 'web', '--open', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  // A terminal's Ctrl-C reaches the child itself (same process group): passing it on too would be a second
  // signal, which the CLI takes as "stop now". SIGINT is only kept from ending this script before the child.
  process.on('SIGINT', () => undefined);
  for (const signal of ['SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
}

try {
  buildRendererIfStale();
  await buildElectron();
  let executable;
  try {
    ({ executable } = prepareElectron({ say }));
  } catch (err) {
    if (!(err instanceof PrepareError)) throw err;
    say(err.message);
    runWebMode();
  }
  if (executable) runElectron(executable);
} catch (err) {
  if (err instanceof PrepareError) say(err.message);
  // esbuild printed its diagnostics already.
  else if (err?.errors) say('building the main process failed (see above).');
  else say(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
