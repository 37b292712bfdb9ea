import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequestJson } from '../kube/kube-request.ts';

export interface AccessCheck {
  verb: string;
  /** '' for the core group. */
  group: string;
  resource: string;
  subresource?: string;
  /** Asks about one namespace (and object) rather than cluster-wide. */
  namespace?: string;
  name?: string;
}

export interface AccessResult extends AccessCheck {
  /** Undefined when the question could not be asked (the review failed): then only trying will tell. */
  allowed: boolean | undefined;
  /** The authorizer's reason, or why the review failed, or what a runtime 403 said. */
  reason?: string;
}

interface SelfSubjectAccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

export function describeCheck(check: AccessCheck): string {
  const resource = check.subresource ? `${check.resource}/${check.subresource}` : check.resource;
  return `${check.verb} ${check.group ? `${resource}.${check.group}` : resource}`;
}

async function reviewOne(kc: KubeConfig, check: AccessCheck, timeoutMs: number): Promise<AccessResult> {
  try {
    const review = await kubeRequestJson<SelfSubjectAccessReview>(kc, {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: check.verb,
            group: check.group,
            resource: check.resource,
            ...(check.subresource ? { subresource: check.subresource } : {}),
            ...(check.namespace ? { namespace: check.namespace } : {}),
            ...(check.name ? { name: check.name } : {}),
          },
        },
      },
      timeoutMs,
    });
    const status = review.status ?? {};
    const reason = status.reason || status.evaluationError;
    return { ...check, allowed: status.allowed === true, ...(reason ? { reason } : {}) };
  } catch (err) {
    return { ...check, allowed: undefined, reason: `the access review failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * Asks the server, with SelfSubjectAccessReview (authorization.k8s.io/v1, which every authenticated user may create),
 * whether we may do each thing cluster-wide. Never throws: a review that fails leaves that answer unknown.
 */
export async function reviewAccess(kc: KubeConfig, checks: AccessCheck[], timeoutMs = 10_000, concurrency = 8): Promise<AccessResult[]> {
  const results: AccessResult[] = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const i = next++;
      results[i] = await reviewOne(kc, checks[i]!, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, checks.length) }, worker));
  return results;
}
