// Where `npm start` keeps the native modules rebuilt for Electron in a clone (never in a packaged app, whose
// node_modules electron-builder rebuilds). Electron has its own Node ABI, so the better-sqlite3 that the tests
// and the CLI load under Node cannot be loaded by Electron's main process; rebuilding it in place would break
// them in turn. One copy per Electron version, platform and arch, under node_modules/.cache so `npm ci` clears it.
//
// Plain ESM JavaScript (with its .d.mts) because both electron/scripts/start.mjs (plain Node) and the main
// process bundle use it: one definition of the path.
import path from 'node:path';

/** The node_modules folder holding better-sqlite3 built for this Electron, platform and arch. */
export function electronNativeModulesDir(appRoot, electronVersion, platform, arch) {
  return path.join(appRoot, 'node_modules', '.cache', 'cluster-insight', `electron-${electronVersion}-${platform}-${arch}`, 'node_modules');
}
