// Where the shell finds its files, the same in a clone (`electron .`) and a packaged app (inside app.asar):
// everything is relative to the app's root (app.getAppPath()) or to the bundle's own folder.
import path from 'node:path';

export interface AppFiles {
  /** The renderer build the core serves (renderer/dist). */
  rendererDir: string;
  /** The bundled preload, next to the bundled main (dist/electron/preload.cjs). */
  preload: string;
  /** The window icon on Linux and Windows. */
  icon: string;
}

export function appFiles(appRoot: string, bundleDir: string): AppFiles {
  return {
    rendererDir: path.join(appRoot, 'renderer', 'dist'),
    preload: path.join(bundleDir, 'preload.cjs'),
    icon: path.join(appRoot, 'electron', 'resources', 'icon.png'),
  };
}
