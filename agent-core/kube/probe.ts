import type { KubeConfig } from '@kubernetes/client-node';
import { errorTargetOf, explainKubeError } from './explain-error.ts';
import { kubeConfigForContext } from './kube-client.ts';
import { KubeHttpError, kubeRequestJson } from './kube-request.ts';
import { resolveContext, type ResolvedContext } from './kubeconfig-context.ts';
import { loadKubeconfig, type KubeconfigLocationOptions } from './kubeconfig-files.ts';

export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

export interface ProbeIdentity {
  username: string;
  groups: string[];
}

/** The outcome of probing one context; also the CLI's `probe --json` output. */
export interface ProbeResult {
  context: string;
  server: string;
  /** The server answered over HTTP (whatever it answered). */
  reachable: boolean;
  /** The server's gitVersion, e.g. "v1.20.2". */
  version?: string;
  /** Who the server says we are; null when it did not say. */
  identity: ProbeIdentity | null;
  identitySource: 'SelfSubjectReview' | 'unknown';
  error?: { code: string; message: string };
}

export interface ProbeTimeouts {
  /** Per request (default 5 s). */
  timeoutMs?: number;
  /** For an exec credential plugin (default 30 s). */
  execTimeoutMs?: number;
}

export interface ProbeOptions extends KubeconfigLocationOptions, ProbeTimeouts {
  /** Default: the current-context. */
  context?: string;
}

// SelfSubjectReview: alpha in 1.26, beta in 1.27, GA in 1.28. Best first.
const SSR_VERSIONS = ['v1', 'v1beta1', 'v1alpha1'];
const AUTHN_GROUP = 'authentication.k8s.io';
const HANDSHAKE_REJECTIONS = new Set(['tls-client-certificate-rejected', 'tls-handshake-failed', 'connection-reset']);

interface ApiGroup {
  versions?: { version: string }[];
}
interface ApiResourceList {
  resources?: { name: string; verbs?: string[] }[];
}
interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

async function notFoundAsUndefined<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof KubeHttpError && err.status === 404) return undefined;
    throw err;
  }
}

/** The best authentication.k8s.io version serving selfsubjectreviews, asked of discovery (older servers have none). */
async function selfSubjectReviewVersion(kc: KubeConfig, timeoutMs: number): Promise<string | undefined> {
  const group = await notFoundAsUndefined(kubeRequestJson<ApiGroup>(kc, { path: `/apis/${AUTHN_GROUP}`, timeoutMs }));
  const served = new Set((group?.versions ?? []).map((v) => v.version));
  for (const version of SSR_VERSIONS.filter((v) => served.has(v))) {
    const list = await notFoundAsUndefined(kubeRequestJson<ApiResourceList>(kc, { path: `/apis/${AUTHN_GROUP}/${version}`, timeoutMs }));
    if (list?.resources?.some((r) => r.name === 'selfsubjectreviews' && (r.verbs ?? ['create']).includes('create'))) return version;
  }
  return undefined;
}

async function selfSubjectReview(kc: KubeConfig, version: string, timeoutMs: number): Promise<ProbeIdentity | null> {
  try {
    const review = await kubeRequestJson<SelfSubjectReview>(kc, {
      method: 'POST',
      path: `/apis/${AUTHN_GROUP}/${version}/selfsubjectreviews`,
      body: { apiVersion: `${AUTHN_GROUP}/${version}`, kind: 'SelfSubjectReview' },
      timeoutMs,
    });
    const info = review.status?.userInfo;
    return info?.username ? { username: info.username, groups: info.groups ?? [] } : null;
  } catch (err) {
    // Our credentials already passed discovery; a server that withholds the review leaves identity unknown, not broken.
    if (err instanceof KubeHttpError && err.status === 403) return null;
    throw err;
  }
}

/** The fields in the documented order, for readable JSON. */
function inOrder({ context, server, reachable, version, identity, identitySource, error }: ProbeResult): ProbeResult {
  return { context, server, reachable, ...(version === undefined ? {} : { version }), identity, identitySource, ...(error ? { error } : {}) };
}

async function serverVersion(kc: KubeConfig, timeoutMs: number): Promise<string | undefined> {
  return (await kubeRequestJson<{ gitVersion?: string }>(kc, { path: '/version', timeoutMs })).gitVersion;
}

/**
 * Probes a resolved context: reachability and version (asked without credentials, so a credential failure cannot hide
 * that the server is up), then, with credentials, who the server says we are. Never throws: failures land in `error`.
 */
export async function probeContext(resolved: ResolvedContext, options: ProbeTimeouts = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const result: ProbeResult = {
    context: resolved.context.name,
    server: resolved.cluster.server,
    reachable: false,
    identity: null,
    identitySource: 'unknown',
  };
  const fail = (err: unknown): ProbeResult => {
    const explained = explainKubeError(err, errorTargetOf(resolved, timeoutMs));
    const answered = result.reachable || err instanceof KubeHttpError;
    return inOrder({ ...result, reachable: answered, error: { code: explained.code, message: explained.message } });
  };

  try {
    result.version = await serverVersion(kubeConfigForContext(resolved, { anonymous: true }), timeoutMs);
    result.reachable = true;
  } catch (err) {
    // A status code (anonymous access is off on many clusters) still proves the server is there.
    if (err instanceof KubeHttpError) result.reachable = true;
    // Some endpoints (mTLS proxies such as Teleport's) end the handshake of a client without a certificate: only
    // the request with credentials can tell.
    else if (!HANDSHAKE_REJECTIONS.has(explainKubeError(err, errorTargetOf(resolved, timeoutMs)).code)) return fail(err);
  }

  try {
    const kc = kubeConfigForContext(resolved, { execTimeoutMs: options.execTimeoutMs });
    if (result.version === undefined) {
      result.version = await serverVersion(kc, timeoutMs);
      result.reachable = true;
    }
    const version = await selfSubjectReviewVersion(kc, timeoutMs);
    const identity = version ? await selfSubjectReview(kc, version, timeoutMs) : null;
    if (identity) {
      result.identity = identity;
      result.identitySource = 'SelfSubjectReview';
    }
    return inOrder(result);
  } catch (err) {
    return fail(err);
  }
}

/** Loads the kubeconfig files and probes a context; kubeconfig and context mistakes throw UserFacingError. */
export async function probe(options: ProbeOptions = {}): Promise<ProbeResult> {
  const resolved = resolveContext(loadKubeconfig(options), options.context);
  return probeContext(resolved, options);
}
