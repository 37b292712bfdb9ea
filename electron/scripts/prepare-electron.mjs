// What running the desktop app from a clone needs beyond the bundles: the Electron binary (not downloaded by
// `npm ci`: electron's install script is not in package.json's allowScripts) and better-sqlite3 built for
// Electron's ABI, kept apart from the Node build the tests and the CLI load. Used by `npm start` and by anything
// else that launches Electron on the repository (the e2e suite's _electron.launch).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeModulesDir } from '../shared/native-modules-dir.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));

/** A failure whose message says what is wrong and what to do instead; no stack trace needed. */
export class PrepareError extends Error {}

/** The first line of a tool's error output: the message, without the stack trace under it. */
function firstLine(text) {
  return (
    String(text)
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? 'no output'
  );
}

/** The Electron executable if it is installed, found the way node_modules/electron/index.js finds it. */
function electronExecutable() {
  const dir = path.join(root, 'node_modules', 'electron');
  let relative;
  try {
    relative = readFileSync(path.join(dir, 'path.txt'), 'utf8');
  } catch {
    // Not downloaded; only an override (an Electron built or unpacked elsewhere) can still name one.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? path.join(override, relative ?? 'electron') : relative && path.join(dir, 'dist', relative);
  return exe && existsSync(exe) ? exe : undefined;
}

function electronVersion() {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

function ensureElectron(say) {
  const found = electronExecutable();
  if (found) return found;
  const version = electronVersion();
  say(`downloading Electron ${version} for ${process.platform}-${process.arch} (about 100 MB, once; from GitHub, or $ELECTRON_MIRROR)…`);
  // Our own, explicit download: a global ELECTRON_SKIP_BINARY_DOWNLOAD (meant for `npm ci`) must not stop it.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  const exe = electronExecutable();
  if (exe) return exe;
  const why = result.error ? result.error.message : firstLine(result.stderr);
  throw new PrepareError(
    [
      `The Electron ${version} binary could not be downloaded (${why}).`,
      `Without it the desktop window cannot open. \`npm run web\` serves the same app to your browser instead;`,
      `or, once online, run \`npm start\` again (set ELECTRON_MIRROR to use a mirror).`,
    ].join('\n'),
  );
}

/** @electron/rebuild's command line (it comes with electron-builder), found from its entry point. */
function electronRebuildCli() {
  // Its "exports" hide package.json, so walk up from the entry point to the package folder.
  let dir = path.dirname(require.resolve('@electron/rebuild'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).bin['electron-rebuild']);
}

/**
 * better-sqlite3 built for Electron's ABI, beside (not instead of) the one built for Node that the tests and the
 * CLI use: see electron/shared/native-modules-dir.mjs, which the main process reads too. Rebuilt when Electron or
 * better-sqlite3 changes version. @electron/rebuild first tries the project's prebuilt binary (GitHub releases),
 * then compiles against Electron's headers (electronjs.org), which needs a C++ toolchain and Python.
 */
function ensureElectronNativeModules(version, say) {
  const modulesDir = electronNativeModulesDir(root, version, process.platform, process.arch);
  const base = path.dirname(modulesDir);
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const stamp = JSON.stringify({ electron: version, betterSqlite3: sqliteVersion });
  const stampFile = path.join(base, 'stamp.json');
  const addon = path.join(modulesDir, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(addon) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  say(`building better-sqlite3 ${sqliteVersion} for Electron ${version} (once per version)…`);
  rmSync(base, { recursive: true, force: true });
  mkdirSync(modulesDir, { recursive: true });
  // The sources without the Node build; its dependencies (bindings) resolve from the project's node_modules above.
  cpSync(source, path.join(modulesDir, 'better-sqlite3'), { recursive: true, filter: (src) => src !== path.join(source, 'build') });
  const name = 'cluster-insight-electron-native';
  writeFileSync(path.join(base, 'package.json'), JSON.stringify({ name, private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2));
  // @electron/rebuild rebuilds every copy of a module between --module-dir and the project root, which it takes
  // to be the nearest folder with a lockfile above its working directory. This lockfile, and running it from
  // here, make this folder the root: the project's own better-sqlite3 (Node's build) is left alone.
  writeFileSync(path.join(base, 'package-lock.json'), JSON.stringify({ name, lockfileVersion: 3, requires: true, packages: {} }, null, 2));
  const cli = electronRebuildCli();
  const env = { ...process.env };
  // A nodedir (set in .npmrc to build against an installed Node's headers offline, and passed down by npm as
  // npm_config_nodedir) would make node-gyp compile against that Node instead of Electron: the result has Node's
  // ABI, builds without an error, and fails only when Electron loads it.
  for (const name of Object.keys(env)) if (name.toLowerCase() === 'npm_config_nodedir') delete env[name];
  const result = spawnSync(process.execPath, [cli, '--version', version, '--module-dir', base, '--only', 'better-sqlite3', '--force'], {
    cwd: base,
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (result.status !== 0 || !existsSync(addon)) {
    rmSync(base, { recursive: true, force: true });
    const output = `${result.stderr ?? ''}`;
    const lastError = output
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /error|failed/i.test(l))
      .at(-1);
    const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network connectivity/i.test(output)
      ? 'it needs its prebuilt binary from github.com or Electron’s headers from electronjs.org, and neither could be reached'
      : `${result.error?.message ?? lastError ?? firstLine(output)}; compiling it needs a C++ toolchain and Python (build-essential on Debian, the Xcode command line tools on macOS)`;
    throw new PrepareError([`better-sqlite3 could not be built for Electron ${version}: ${reason}.`, '`npm run web` serves the same app to your browser without Electron.'].join('\n'));
  }
  writeFileSync(stampFile, stamp);
}

/**
 * The Electron executable, downloaded if need be, with better-sqlite3 built for it. Throws a PrepareError naming
 * `npm run web` when either cannot be had (offline, no toolchain).
 */
export function prepareElectron({ say = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const executable = ensureElectron(say);
  ensureElectronNativeModules(electronVersion(), say);
  return { executable, appRoot: root };
}
