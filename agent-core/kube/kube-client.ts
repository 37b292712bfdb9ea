import fs from 'node:fs';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import { ExecCredentialSource, type ExecClusterInfo } from './exec-credential.ts';
import type { ResolvedContext } from './kubeconfig-context.ts';
import type { KubeconfigCluster, KubeconfigUser, Origin } from './kubeconfig-types.ts';
import { UserFacingError } from './user-facing-error.ts';

type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];
type AuthOptions = Parameters<Authenticator['applyAuthentication']>[1];

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;

export interface KubeClientOptions {
  /** How long an exec credential plugin may run (default 30 s: some refresh a cloud login first). */
  execTimeoutMs?: number;
  /** Build the client without the user's credentials (to tell "unreachable" from "credentials failed"). */
  anonymous?: boolean;
}

// client-node's own exec support has no timeout, sets no KUBERNETES_EXEC_INFO and loses the exit code; its token-file
// support keeps the file's trailing newline. Users get these provider names instead, served by the authenticators below.
const EXEC_PROVIDER = 'cluster-insight-exec';
const TOKEN_FILE_PROVIDER = 'cluster-insight-token-file';
// client-go re-reads a token file at most once a minute.
const TOKEN_FILE_REFRESH_MS = 60_000;

function setBearer(opts: AuthOptions, token: string): void {
  opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
}

class ExecAuthenticator implements Authenticator {
  constructor(private readonly source: ExecCredentialSource) {}

  isAuthProvider(user: User): boolean {
    return (user.authProvider as { name?: string } | undefined)?.name === EXEC_PROVIDER;
  }

  async applyAuthentication(_user: User, opts: AuthOptions): Promise<void> {
    const status = await this.source.get();
    if (status.clientCertificateData && status.clientKeyData) {
      opts.cert = status.clientCertificateData;
      opts.key = status.clientKeyData;
    }
    if (status.token) setBearer(opts, status.token);
  }
}

class TokenFileAuthenticator implements Authenticator {
  private token = '';
  private readAt = 0;

  constructor(private readonly file: string) {}

  isAuthProvider(user: User): boolean {
    return (user.authProvider as { name?: string } | undefined)?.name === TOKEN_FILE_PROVIDER;
  }

  async applyAuthentication(_user: User, opts: AuthOptions): Promise<void> {
    if (Date.now() - this.readAt > TOKEN_FILE_REFRESH_MS) {
      try {
        this.token = (await fs.promises.readFile(this.file, 'utf8')).trim();
        this.readAt = Date.now();
      } catch (err) {
        // As client-go: keep the last token that was read; fail only if there never was one.
        if (!this.token) throw err;
      }
    }
    setBearer(opts, this.token);
  }
}

function requireFile(file: string | undefined, field: string, owner: string, origin: Origin, context: string): void {
  if (file === undefined || fs.existsSync(file)) return;
  throw new UserFacingError(
    'credential-file-missing',
    `${owner} (${origin.file}:${origin.line}), used by context "${context}", names ${field} ${file}, which does not exist. ` +
      `Fix the path in ${origin.file} (a relative path is relative to that file's folder), or inline the contents as ${field}-data.`,
  );
}

function checkFiles(resolved: ResolvedContext): void {
  const { cluster, user, context } = resolved;
  requireFile(cluster.certificateAuthority, 'certificate-authority', `Cluster "${cluster.name}"`, cluster.origin, context.name);
  if (!user) return;
  const owner = `User "${user.name}"`;
  requireFile(user.clientCertificate, 'client-certificate', owner, user.origin, context.name);
  requireFile(user.clientKey, 'client-key', owner, user.origin, context.name);
  if (user.tokenFile !== undefined && !fs.existsSync(user.tokenFile)) {
    throw new UserFacingError(
      'credential-file-missing',
      `${owner} (${user.origin.file}:${user.origin.line}), used by context "${context.name}", names tokenFile ${user.tokenFile}, ` +
        `which does not exist. Fix the path in ${user.origin.file} (a relative path is relative to that file's folder), or use token.`,
    );
  }
}

function toCluster(c: KubeconfigCluster): Cluster {
  return {
    name: c.name,
    server: c.server.replace(/\/+$/, ''),
    caData: c.certificateAuthorityData,
    caFile: c.certificateAuthority,
    skipTLSVerify: c.insecureSkipTlsVerify,
    tlsServerName: c.tlsServerName,
    proxyUrl: c.proxyUrl,
  };
}

function execClusterInfo(c: KubeconfigCluster): ExecClusterInfo {
  const caData = c.certificateAuthorityData ?? (c.certificateAuthority ? fs.readFileSync(c.certificateAuthority).toString('base64') : undefined);
  return {
    server: c.server,
    'tls-server-name': c.tlsServerName,
    'insecure-skip-tls-verify': c.insecureSkipTlsVerify || undefined,
    'certificate-authority-data': caData,
    'proxy-url': c.proxyUrl,
  };
}

function toUser(u: KubeconfigUser): User {
  // client-go's precedence: a token file beats a token, and a bearer token beats an exec plugin.
  const provider = u.tokenFile
    ? { name: TOKEN_FILE_PROVIDER }
    : u.exec
      ? { name: EXEC_PROVIDER }
      : u.authProvider && { name: u.authProvider.name, config: { ...u.authProvider.config } };
  return {
    name: u.name,
    token: u.tokenFile ? undefined : u.token,
    certFile: u.clientCertificate,
    certData: u.clientCertificateData,
    keyFile: u.clientKey,
    keyData: u.clientKeyData,
    username: u.username,
    password: u.password,
    impersonateUser: u.impersonate,
    authProvider: provider,
  };
}

/**
 * A client-node KubeConfig holding just this context, its cluster and its user, with every kind of credential
 * kubectl supports: tokens and token files, client certificates, basic auth, exec plugins and auth-providers (OIDC).
 * Missing certificate or token files are reported here, naming the kubeconfig that points at them.
 */
export function kubeConfigForContext(resolved: ResolvedContext, options: KubeClientOptions = {}): KubeConfig {
  checkFiles(resolved);
  const { cluster, context } = resolved;
  const user = options.anonymous ? undefined : resolved.user;
  const kc = new KubeConfig();
  const clientUser: User = user ? toUser(user) : { name: '' };
  kc.loadFromOptions({
    clusters: [toCluster(cluster)],
    users: [clientUser],
    contexts: [{ name: context.name, cluster: cluster.name, user: clientUser.name, namespace: context.namespace }],
    currentContext: context.name,
  });
  if (user?.tokenFile) kc.addAuthenticator(new TokenFileAuthenticator(user.tokenFile));
  else if (user?.exec) {
    const timeoutMs = options.execTimeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const clusterInfo = user.exec.provideClusterInfo ? execClusterInfo(cluster) : undefined;
    kc.addAuthenticator(new ExecAuthenticator(new ExecCredentialSource(user.exec, { timeoutMs, cluster: clusterInfo })));
  }
  return kc;
}
