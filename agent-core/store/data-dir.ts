import os from 'node:os';
import path from 'node:path';

export interface DataDirEnvironment {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

/**
 * Where the app keeps its data by the platform's convention: %APPDATA%\Cluster Insight on Windows,
 * ~/Library/Application Support/Cluster Insight on macOS, $XDG_DATA_HOME/cluster-insight (else
 * ~/.local/share/cluster-insight) elsewhere.
 */
export function defaultDataDir(environment: DataDirEnvironment = {}): string {
  const platform = environment.platform ?? process.platform;
  const env = environment.env ?? process.env;
  const home = environment.homeDir ?? os.homedir();
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Cluster Insight');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Cluster Insight');
  // The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
  const xdgDataHome = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.posix.join(home, '.local', 'share');
  return path.posix.join(xdgDataHome, 'cluster-insight');
}
