// In a clone, `npm start` keeps a better-sqlite3 built for Electron's ABI apart from the one built for Node (which
// the tests and the CLI use): see electron/shared/native-modules-dir.mjs. This puts that folder first in the main
// bundle's module lookup, so the bundle's require('better-sqlite3') finds the Electron build. It must run before
// anything requires better-sqlite3, which is why main.ts imports it first and loads the core lazily.
// A packaged app never does this: electron-builder rebuilds its node_modules for Electron.
import { existsSync } from 'node:fs';
import { app } from 'electron';
import { electronNativeModulesDir } from '../shared/native-modules-dir.mjs';

export const devNativeModulesDir: string | undefined = (() => {
  if (app.isPackaged) return undefined;
  const dir = electronNativeModulesDir(app.getAppPath(), process.versions.electron, process.platform, process.arch);
  if (!existsSync(dir)) return undefined;
  // `module` is the bundle's own CommonJS module (main.cjs): its `paths` are where its require() looks.
  module.paths.unshift(dir);
  return dir;
})();
