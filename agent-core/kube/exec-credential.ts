import { spawn } from 'node:child_process';
import type { ExecConfig } from './kubeconfig-types.ts';

// client-go dropped client.authentication.k8s.io/v1alpha1 in Kubernetes 1.24; kubectl rejects it too.
export const SUPPORTED_EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

export type ExecPluginProblem =
  | 'no-command'
  | 'not-found'
  | 'not-executable'
  | 'failed'
  | 'timed-out'
  | 'bad-output'
  | 'unsupported-api-version'
  | 'needs-terminal';

/** What went wrong running an exec credential plugin; explainKubeError words it for people. */
export class ExecPluginError extends Error {
  constructor(
    readonly problem: ExecPluginProblem,
    readonly command: string,
    message: string,
    readonly details: { exitCode?: number | null; signal?: string | null; stderr?: string; timeoutMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExecPluginError';
  }
}

/** The ExecCredential status a plugin prints: a bearer token, or a client certificate and key. */
export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

/** spec.cluster of KUBERNETES_EXEC_INFO, sent when the kubeconfig says provideClusterInfo: true. */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
}

export interface RunExecPluginOptions {
  timeoutMs: number;
  cluster?: ExecClusterInfo;
}

// Enough of a failing plugin's stderr to see its complaint without flooding the message.
const STDERR_LIMIT = 4000;

function execInfo(exec: ExecConfig, cluster: ExecClusterInfo | undefined): string {
  // There is never a terminal to prompt on (the desktop app has none; the CLI keeps stdout for results).
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo && cluster) spec.cluster = cluster;
  return JSON.stringify({ kind: 'ExecCredential', apiVersion: exec.apiVersion, spec });
}

function checkConfig(exec: ExecConfig): void {
  if (!exec.command) throw new ExecPluginError('no-command', '', 'the exec section has no command');
  if (!SUPPORTED_EXEC_API_VERSIONS.includes(exec.apiVersion)) {
    throw new ExecPluginError(
      'unsupported-api-version',
      exec.command,
      `exec apiVersion "${exec.apiVersion}" is not one of ${SUPPORTED_EXEC_API_VERSIONS.join(', ')}`,
    );
  }
  if (exec.interactiveMode === 'Always') {
    throw new ExecPluginError('needs-terminal', exec.command, 'the plugin has interactiveMode: Always but there is no terminal');
  }
}

function parseCredential(exec: ExecConfig, stdout: string): ExecCredentialStatus {
  const bad = (why: string, cause?: unknown) => new ExecPluginError('bad-output', exec.command, why, {}, { cause });
  let doc: { kind?: unknown; apiVersion?: unknown; status?: unknown };
  try {
    doc = JSON.parse(stdout) as typeof doc;
  } catch (err) {
    throw bad(`its output is not JSON (${stdout.trim().slice(0, 200) || 'empty'})`, err);
  }
  if (doc?.kind !== 'ExecCredential') throw bad(`its output has kind ${JSON.stringify(doc?.kind)}, not "ExecCredential"`);
  if (doc.apiVersion !== exec.apiVersion) {
    throw bad(`it answered with apiVersion ${JSON.stringify(doc.apiVersion)} but the kubeconfig asks for "${exec.apiVersion}"`);
  }
  const status = (doc.status ?? {}) as ExecCredentialStatus;
  const hasCert = Boolean(status.clientCertificateData && status.clientKeyData);
  if (!status.token && !hasCert) throw bad('its status has neither a token nor a client certificate and key');
  return status;
}

/** Runs the plugin once, as client-go does (KUBERNETES_EXEC_INFO, env merged over ours), and kills it after timeoutMs. */
export async function runExecPlugin(exec: ExecConfig, options: RunExecPluginOptions): Promise<ExecCredentialStatus> {
  checkConfig(exec);
  return await spawnPlugin(exec, options);
}

function spawnPlugin(exec: ExecConfig, options: RunExecPluginOptions): Promise<ExecCredentialStatus> {
  const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(exec, options.cluster) };
  for (const { name, value } of exec.env) env[name] = value;
  // Its own process group on POSIX, so a timeout also ends whatever the plugin started (a browser helper, a sleep).
  const ownGroup = process.platform !== 'win32';
  const child = spawn(exec.command, exec.args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_LIMIT)));

  return new Promise<ExecCredentialStatus>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() => {
        try {
          if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
        child.stdout.destroy();
        child.stderr.destroy();
        child.unref();
        reject(
          new ExecPluginError('timed-out', exec.command, `did not finish within ${options.timeoutMs} ms`, {
            stderr: stderr.trim(),
            timeoutMs: options.timeoutMs,
          }),
        );
      });
    }, options.timeoutMs);

    child.on('error', (err: NodeJS.ErrnoException) => {
      settle(() => {
        const problem = err.code === 'ENOENT' ? 'not-found' : err.code === 'EACCES' ? 'not-executable' : 'failed';
        reject(new ExecPluginError(problem, exec.command, err.message, { stderr: stderr.trim() }, { cause: err }));
      });
    });
    child.on('close', (exitCode, signal) => {
      settle(() => {
        if (exitCode !== 0) {
          const how = exitCode === null ? `was killed by ${signal}` : `exited with code ${exitCode}`;
          reject(new ExecPluginError('failed', exec.command, how, { exitCode, signal, stderr: stderr.trim() }));
          return;
        }
        try {
          resolve(parseCredential(exec, stdout));
        } catch (err) {
          reject(err);
        }
      });
    });
  });
}

function isFresh(status: ExecCredentialStatus): boolean {
  // Without an expiry client-go keeps the credential for the life of the client; so do we.
  if (!status.expirationTimestamp) return true;
  return Date.parse(status.expirationTimestamp) > Date.now();
}

/** One plugin's credential, run again only once it expires; concurrent callers share one run. */
export class ExecCredentialSource {
  private cached: ExecCredentialStatus | undefined;
  private pending: Promise<ExecCredentialStatus> | undefined;

  constructor(
    private readonly exec: ExecConfig,
    private readonly options: RunExecPluginOptions,
  ) {}

  get(): Promise<ExecCredentialStatus> {
    if (this.cached && isFresh(this.cached)) return Promise.resolve(this.cached);
    this.pending ??= runExecPlugin(this.exec, this.options)
      .then((status) => (this.cached = status))
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}
