import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTROL_PLANE_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
export type ControlPlaneBinary = (typeof CONTROL_PLANE_BINARIES)[number];
export type ControlPlaneAssets = Record<ControlPlaneBinary, string>;

const buildScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build-debian.sh');

function assetsIn(dir: string): ControlPlaneAssets | { missing: string[] } {
  const found = Object.fromEntries(CONTROL_PLANE_BINARIES.map((b) => [b, path.join(dir, b)])) as ControlPlaneAssets;
  const missing = CONTROL_PLANE_BINARIES.filter((b) => {
    try {
      fs.accessSync(found[b], fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  return missing.length ? { missing } : found;
}

/**
 * Finds etcd, kube-apiserver, kube-controller-manager and kube-scheduler, following envtest's
 * convention: `KUBEBUILDER_ASSETS` names the folder. Without it, on Debian, the project's script
 * builds them from Debian's packages once and caches them (a few minutes the first time).
 */
export async function resolveControlPlaneAssets(log: (line: string) => void = () => {}): Promise<ControlPlaneAssets> {
  const fromEnv = process.env.KUBEBUILDER_ASSETS;
  if (fromEnv) {
    const assets = assetsIn(fromEnv);
    if ('missing' in assets) {
      throw new Error(
        `KUBEBUILDER_ASSETS=${fromEnv} lacks ${assets.missing.join(', ')}. Point it at a folder holding ` +
          `${CONTROL_PLANE_BINARIES.join(', ')} (e.g. setup-envtest's output), or unset it to build them from Debian's packages.`,
      );
    }
    return assets;
  }
  if (!fs.existsSync('/usr/bin/apt-get')) {
    throw new Error(
      'No test control plane: set KUBEBUILDER_ASSETS to a folder with etcd, kube-apiserver, kube-controller-manager and kube-scheduler ' +
        '(on macOS: `setup-envtest use -p path`), or run on Debian where `npm run control-plane` builds them.',
    );
  }
  log('building or locating the control plane binaries (sim/controlplane/build-debian.sh)');
  const dir = await new Promise<string>((resolve, reject) => {
    const child = execFile('bash', [buildScript], { maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) reject(new Error(`${buildScript} failed: ${err.message}`));
      else resolve(stdout.trim().split('\n').pop() ?? '');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.startsWith('[control-plane]')) log(line);
    });
  });
  const assets = assetsIn(dir);
  if ('missing' in assets) throw new Error(`${buildScript} finished but ${dir} lacks ${assets.missing.join(', ')}`);
  return assets;
}
