import path from 'node:path';

/** Where the app keeps one cluster's store, agent.log and audit: `<data dir>/clusters/<folder>`. */
export function clusterFolderPath(dataDir: string, folder: string): string {
  return path.join(dataDir, 'clusters', folder);
}
