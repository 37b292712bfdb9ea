import { ExecPluginError } from './exec-credential.ts';
import type { ResolvedContext } from './kubeconfig-context.ts';
import type { KubeconfigUser, Origin } from './kubeconfig-types.ts';
import { KubeHttpError, RequestTimeoutError } from './kube-request.ts';
import { UserFacingError } from './user-facing-error.ts';

export type CredentialKind = 'none' | 'token' | 'token-file' | 'client-certificate' | 'basic' | 'exec' | 'auth-provider';

/** What a failed request was aimed at, so a message can name the context, the file and the line to fix. */
export interface ErrorTarget {
  context: string;
  server: string;
  cluster: { name: string; origin: Origin; hasCertificateAuthority: boolean };
  user?: { name: string; origin: Origin; credentials: CredentialKind; execCommand?: string; installHint?: string };
  /** The request timeout in force, for timeout messages. */
  timeoutMs?: number;
}

function credentialKind(user: KubeconfigUser): CredentialKind {
  if (user.tokenFile) return 'token-file';
  if (user.token) return 'token';
  if (user.exec) return 'exec';
  if (user.authProvider) return 'auth-provider';
  if (user.clientCertificate || user.clientCertificateData) return 'client-certificate';
  if (user.username) return 'basic';
  return 'none';
}

export function errorTargetOf(resolved: ResolvedContext, timeoutMs?: number): ErrorTarget {
  const { context, cluster, user } = resolved;
  return {
    context: context.name,
    server: cluster.server,
    cluster: {
      name: cluster.name,
      origin: cluster.origin,
      hasCertificateAuthority: Boolean(cluster.certificateAuthority || cluster.certificateAuthorityData),
    },
    user: user && {
      name: user.name,
      origin: user.origin,
      credentials: credentialKind(user),
      execCommand: user.exec?.command,
      installHint: user.exec?.installHint,
    },
    timeoutMs,
  };
}

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);
// OpenSSL alerts from a server that wants a (different) client certificate, as Node names them.
const CLIENT_CERTIFICATE_ALERTS = ['ALERT_CERTIFICATE_REQUIRED', 'ALERT_BAD_CERTIFICATE', 'ALERT_UNKNOWN_CA', 'ALERT_HANDSHAKE_FAILURE'];
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** The first string error code in the error, its causes, or the errors of an AggregateError (Node's happy eyeballs). */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = errorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return errorCode(e.cause, depth + 1);
}

/** An HTTP status from our KubeHttpError or from client-node's ApiException (numeric `code`). */
function httpStatus(err: unknown): { status: number; detail: string; request?: string } | undefined {
  if (err instanceof KubeHttpError) return { status: err.status, detail: err.detail, request: `${err.method} ${err.path}` };
  const e = err as { code?: unknown; body?: unknown } | null;
  if (e && typeof e === 'object' && typeof e.code === 'number' && 'body' in e) {
    const body = typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? '');
    let detail = body;
    try {
      detail = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      // Keep the raw body.
    }
    return { status: e.code, detail: detail.slice(0, 300) };
  }
  return undefined;
}

const at = (o: Origin) => `${o.file}:${o.line}`;

function describe(t: ErrorTarget): { ctx: string; clusterAt: string; userAt: string } {
  return {
    ctx: `context "${t.context}"`,
    clusterAt: `cluster "${t.cluster.name}" (${at(t.cluster.origin)})`,
    userAt: t.user ? `user "${t.user.name}" (${at(t.user.origin)})` : 'no user (anonymous)',
  };
}

function refreshAdvice(t: ErrorTarget): string {
  switch (t.user?.credentials ?? 'none') {
    case 'none':
      return `The context names no user, so the request was anonymous: add a user with credentials to context "${t.context}".`;
    case 'token':
      return `The token is wrong or has expired: put a current one in ${at(t.user!.origin)} (or re-run your provider's get-credentials command).`;
    case 'token-file':
      return `The token in the user's tokenFile is wrong or has expired: refresh that file.`;
    case 'client-certificate':
      return `The client certificate is expired or not issued by this cluster's CA: get a new kubeconfig for this cluster.`;
    case 'basic':
      return `The username or password is wrong: fix them in ${at(t.user!.origin)}.`;
    case 'exec':
      return `The credential from plugin "${t.user!.execCommand}" was refused: log in again with the provider's CLI (e.g. aws sso login, gcloud auth login, az login).`;
    case 'auth-provider':
      return `The auth-provider's token was refused: log in again to refresh it (e.g. re-run your OIDC login).`;
  }
}

function explainHttp(t: ErrorTarget, status: number, detail: string, request: string | undefined, cause: unknown): UserFacingError {
  const { ctx, userAt } = describe(t);
  const said = detail ? ` (the server said: ${detail})` : '';
  if (status === 401) {
    return new UserFacingError(
      'unauthorized',
      `${t.server} rejected the credentials of ${userAt} for ${ctx}: 401 Unauthorized${said}. ${refreshAdvice(t)}`,
      1,
      { cause },
    );
  }
  if (status === 403 && !t.user) {
    return new UserFacingError(
      'forbidden',
      `${t.server} refused ${request ?? 'the request'} from ${ctx}, which names no user, so it went anonymously: 403 Forbidden${said}. ` +
        `Add a user with credentials to context "${t.context}".`,
      1,
      { cause },
    );
  }
  if (status === 403) {
    return new UserFacingError(
      'forbidden',
      `${t.server} accepted the credentials of ${userAt} for ${ctx} but refused ${request ?? 'the request'}: 403 Forbidden${said}. ` +
        `Ask a cluster admin to grant this user access (RBAC), or use a context with more rights.`,
      1,
      { cause },
    );
  }
  if (status >= 200 && status < 300) {
    return new UserFacingError(
      'not-kubernetes',
      `${t.server} (${ctx}) answered ${request ?? 'the request'} but not like a Kubernetes API server (${detail}). ` +
        `Check that the server address in ${at(t.cluster.origin)} points at the API server, not a web page or proxy login.`,
      1,
      { cause },
    );
  }
  return new UserFacingError(
    'http-error',
    `${t.server} (${ctx}) answered ${request ?? 'the request'} with HTTP ${status}${said}. ` +
      `If this persists, check the server address in ${at(t.cluster.origin)} and the cluster's health.`,
    1,
    { cause },
  );
}

function explainTls(t: ErrorTarget, code: string, err: unknown): UserFacingError | undefined {
  const { ctx, clusterAt } = describe(t);
  if (UNKNOWN_AUTHORITY.has(code)) {
    const trusted = t.cluster.hasCertificateAuthority
      ? `the certificate authority that ${clusterAt} trusts`
      : `any public certificate authority (${clusterAt} gives no certificate-authority or certificate-authority-data)`;
    return new UserFacingError(
      'tls-unknown-authority',
      `The certificate of ${t.server} (${ctx}) is not signed by ${trusted} [${code}]. ` +
        `Fix: update certificate-authority-data of cluster "${t.cluster.name}" from your cluster provider (the cluster may have been ` +
        `recreated, or something intercepts TLS); for a throwaway test cluster only, set insecure-skip-tls-verify: true.`,
      1,
      { cause: err },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = (err as { reason?: string }).reason ?? (err as Error).message;
    return new UserFacingError(
      'tls-hostname-mismatch',
      `The certificate of ${t.server} (${ctx}) is not valid for that address: ${reason}. ` +
        `Fix: use a server address the certificate names in ${clusterAt}, or set tls-server-name there to a name it does.`,
      1,
      { cause: err },
    );
  }
  if (EXPIRED.has(code)) {
    return new UserFacingError(
      'tls-certificate-expired',
      `The certificate of ${t.server} (${ctx}) is expired or not yet valid [${code}]. ` +
        `Check this computer's clock; otherwise the cluster's certificates need renewing (ask its admin).`,
      1,
      { cause: err },
    );
  }
  const reason = (err as { reason?: string }).reason ?? (err as Error).message.trim();
  if (CLIENT_CERTIFICATE_ALERTS.some((alert) => code.endsWith(alert))) {
    const sent = t.user?.credentials === 'client-certificate' || t.user?.credentials === 'exec' ? 'the one it sent' : 'none';
    return new UserFacingError(
      'tls-client-certificate-rejected',
      `${t.server} (${ctx}) requires a client certificate it trusts, and got ${sent} (${reason}). ` +
        `Get a current kubeconfig for this cluster with client-certificate-data and client-key-data for ${describe(t).userAt}.`,
      1,
      { cause: err },
    );
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return new UserFacingError(
      'tls-handshake-failed',
      `The TLS handshake with ${t.server} (${ctx}) failed: ${reason}. ` +
        `Check that ${clusterAt} points at the API server's HTTPS port, and that its client certificate (if any) is current.`,
      1,
      { cause: err },
    );
  }
  return undefined;
}

function explainNetwork(t: ErrorTarget, code: string, err: unknown): UserFacingError | undefined {
  const { ctx, clusterAt } = describe(t);
  if (code === 'ECONNREFUSED') {
    return new UserFacingError(
      'connection-refused',
      `Nothing is listening at ${t.server} (${ctx}): connection refused. ` +
        `Check that the cluster is running and that the server address in ${clusterAt} is right (a port-forward or tunnel must be up).`,
      1,
      { cause: err },
    );
  }
  if (DNS.has(code)) {
    return new UserFacingError(
      'dns-failure',
      `The host name of ${t.server} (${ctx}) does not resolve [${code}]. ` +
        `Check the server address in ${clusterAt}, and your network or VPN connection.`,
      1,
      { cause: err },
    );
  }
  if (TIMEOUT.has(code) || err instanceof RequestTimeoutError) {
    const within = t.timeoutMs ? ` within ${t.timeoutMs / 1000} s` : '';
    return new UserFacingError(
      'timeout',
      `${t.server} (${ctx}) did not answer${within}. The server may be down, or reachable only through a VPN or firewall you ` +
        `are not on; check the network and the server address in ${clusterAt}, or allow more time (--timeout).`,
      1,
      { cause: err },
    );
  }
  if (NO_ROUTE.has(code)) {
    return new UserFacingError(
      'network-unreachable',
      `There is no network route to ${t.server} (${ctx}) [${code}]. Connect to the network or VPN the cluster is on, ` +
        `or fix the server address in ${clusterAt}.`,
      1,
      { cause: err },
    );
  }
  if (RESET.has(code)) {
    return new UserFacingError(
      'connection-reset',
      `${t.server} (${ctx}) closed the connection without answering [${code}]. A proxy or firewall may be in the way, or the ` +
        `server wants a client certificate it did not get; check ${clusterAt} and the user's credentials.`,
      1,
      { cause: err },
    );
  }
  return undefined;
}

function explainExec(t: ErrorTarget, err: ExecPluginError): UserFacingError {
  const { ctx, userAt } = describe(t);
  const plugin = `The credential plugin "${err.command}" of ${userAt}, used by ${ctx},`;
  const file = t.user?.origin.file ?? 'the kubeconfig';
  const stderr = err.details.stderr ? `\nIts error output:\n${err.details.stderr}` : '';
  switch (err.problem) {
    case 'no-command':
      return new UserFacingError(
        'exec-plugin-no-command',
        `The exec section of ${userAt}, used by ${ctx}, has no command. Set exec.command in ${file}.`,
        1,
        { cause: err },
      );
    case 'not-found': {
      const hint = t.user?.installHint ? ` ${t.user.installHint.trim()}` : '';
      if (err.command.includes('/') || err.command.includes('\\')) {
        return new UserFacingError(
          'exec-plugin-not-found',
          `${plugin} does not exist at that path. Install it there, or fix exec.command in ${file}.${hint}`,
          1,
          { cause: err },
        );
      }
      return new UserFacingError(
        'exec-plugin-not-found',
        `${plugin} was not found on PATH (${process.env.PATH ?? ''}). Install it, or add its folder to PATH.${hint} ` +
          `When Cluster Insight is started from a desktop launcher it imports PATH from your login shell ($SHELL -ilc), ` +
          `so add the folder in your shell profile (e.g. ~/.zprofile or ~/.bash_profile) and restart the app; ` +
          `or give exec.command as an absolute path in ${file}.`,
        1,
        { cause: err },
      );
    }
    case 'not-executable':
      return new UserFacingError(
        'exec-plugin-not-executable',
        `${plugin} cannot be run (permission denied). Make it executable (chmod +x ${err.command}) or fix exec.command in ${file}.`,
        1,
        { cause: err },
      );
    case 'failed':
      return new UserFacingError(
        'exec-plugin-failed',
        `${plugin} failed: it ${err.message}. Fix what it reports (often: log in again with the provider's CLI), ` +
          `then retry.${stderr}`,
        1,
        { cause: err },
      );
    case 'timed-out':
      return new UserFacingError(
        'exec-plugin-timeout',
        `${plugin} did not finish within ${(err.details.timeoutMs ?? 0) / 1000} s and was stopped. It may be waiting for a ` +
          `browser login or for input it cannot get here: run \`kubectl --context ${t.context} get --raw /version\` in a ` +
          `terminal once to log in, then retry.${stderr}`,
        1,
        { cause: err },
      );
    case 'bad-output':
      return new UserFacingError(
        'exec-plugin-bad-output',
        `${plugin} printed no usable credential: ${err.message}. Check the plugin's version and exec.apiVersion in ${file}.`,
        1,
        { cause: err },
      );
    case 'unsupported-api-version':
      return new UserFacingError(
        'exec-plugin-unsupported-api-version',
        `${plugin} is configured with ${err.message}. Set exec.apiVersion to client.authentication.k8s.io/v1 in ${file} ` +
          `(update the plugin if it only speaks v1alpha1).`,
        1,
        { cause: err },
      );
    case 'needs-terminal':
      return new UserFacingError(
        'exec-plugin-needs-terminal',
        `${plugin} needs a terminal to prompt on (interactiveMode: Always), and there is none here. Run ` +
          `\`kubectl --context ${t.context} get --raw /version\` in a terminal to log in, or set interactiveMode: IfAvailable in ${file}.`,
        1,
        { cause: err },
      );
  }
}

/**
 * Turns any failure of a request to a cluster (network, TLS, HTTP status, exec plugin) into a UserFacingError that
 * names the context and the kubeconfig entry to fix. The one place that knows these failures; CLI, agent and UI share it.
 */
export function explainKubeError(err: unknown, target: ErrorTarget): UserFacingError {
  if (err instanceof UserFacingError) return err;
  if (err instanceof ExecPluginError) return explainExec(target, err);
  const http = httpStatus(err);
  if (http) return explainHttp(target, http.status, http.detail, http.request, err);
  const code = errorCode(err);
  const explained = code ? (explainTls(target, code, err) ?? explainNetwork(target, code, err)) : undefined;
  if (explained) return explained;
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    return explainNetwork(target, 'ETIMEDOUT', err)!;
  }
  const message = err instanceof Error ? err.message : String(err);
  return new UserFacingError(
    'unexpected-error',
    `Talking to ${target.server} (context "${target.context}") failed: ${message}.`,
    1,
    { cause: err },
  );
}
