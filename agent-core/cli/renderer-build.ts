import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserFacingError } from '../kube/user-facing-error.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIST = path.join(REPO_ROOT, 'renderer', 'dist');

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Whether the renderer build is missing or older than its sources (the renderer and the contract it speaks). */
export function rendererBuildIsStale(): boolean {
  const index = path.join(RENDERER_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newestMtime(path.join(REPO_ROOT, 'renderer', 'src')), newestMtime(path.join(REPO_ROOT, 'agent-core', 'contract')), statSync(path.join(REPO_ROOT, 'renderer', 'index.html')).mtimeMs);
  return statSync(index).mtimeMs < sources;
}

/** Builds the renderer when needed, so `cluster-insight web` works straight from a checkout. */
export function ensureRendererBuilt(say: (line: string) => void): string {
  if (!rendererBuildIsStale()) return RENDERER_DIST;
  if (!existsSync(path.join(REPO_ROOT, 'renderer', 'vite.config.ts'))) {
    throw new UserFacingError('renderer-missing', `No renderer build in ${RENDERER_DIST} and no renderer sources to build it from.`);
  }
  say('building the renderer (vite)…');
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new UserFacingError('renderer-build', `Building the renderer failed (see above). Run \`npm run build:renderer\` to retry.`);
  return RENDERER_DIST;
}
