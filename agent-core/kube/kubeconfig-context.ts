import { describeKubeconfigSource } from './kubeconfig-files.ts';
import type { KubeconfigCluster, KubeconfigContext, KubeconfigUser, MergedKubeconfig, Origin } from './kubeconfig-types.ts';
import { UserFacingError } from './user-facing-error.ts';

/** A context with the cluster and user it names, all known to exist. */
export interface ResolvedContext {
  kubeconfig: MergedKubeconfig;
  context: KubeconfigContext;
  cluster: KubeconfigCluster;
  /** Undefined when the context names no user: requests go out anonymously, as with kubectl. */
  user: KubeconfigUser | undefined;
}

/** One row of `contexts`: what `kubectl config get-contexts` shows, plus the server. */
export interface ContextSummary {
  name: string;
  cluster: string;
  user: string;
  namespace: string | null;
  /** Null when no file defines the context's cluster. */
  server: string | null;
  current: boolean;
}

/** kubectl sorts names with Go's sort.Strings: by UTF-8 bytes, so "Z" < "_" < "a". */
export function compareKubectlNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function contextNames(kubeconfig: MergedKubeconfig): string[] {
  return [...kubeconfig.contexts.keys()].sort(compareKubectlNames);
}

/** The merged contexts in `kubectl config get-contexts` order. */
export function listContexts(kubeconfig: MergedKubeconfig): ContextSummary[] {
  return contextNames(kubeconfig).map((name) => {
    const ctx = kubeconfig.contexts.get(name)!;
    return {
      name,
      cluster: ctx.cluster,
      user: ctx.user,
      namespace: ctx.namespace ?? null,
      server: kubeconfig.clusters.get(ctx.cluster)?.server ?? null,
      current: kubeconfig.currentContext !== undefined && name === kubeconfig.currentContext,
    };
  });
}

const at = (o: Origin) => `${o.file}:${o.line}`;

function knownContexts(kubeconfig: MergedKubeconfig): string {
  const names = contextNames(kubeconfig);
  return names.length > 0 ? `Known contexts: ${names.join(', ')}.` : `No context is defined in ${describeKubeconfigSource(kubeconfig.source)}.`;
}

function pickContext(kubeconfig: MergedKubeconfig, name: string | undefined): KubeconfigContext {
  const wanted = name || kubeconfig.currentContext;
  if (!wanted) {
    throw new UserFacingError(
      'no-current-context',
      `No context was given and ${describeKubeconfigSource(kubeconfig.source)} sets no current-context. ` +
        `Pass --context NAME, or set one with \`kubectl config use-context NAME\`. ${knownContexts(kubeconfig)}`,
    );
  }
  const context = kubeconfig.contexts.get(wanted);
  if (!context) {
    const how = name ? 'was given' : 'is the current-context';
    throw new UserFacingError(
      'context-not-found',
      `Context "${wanted}" ${how} but is not defined in ${describeKubeconfigSource(kubeconfig.source)}. ` +
        `Use one of the known contexts, or add it to a kubeconfig. ${knownContexts(kubeconfig)}`,
    );
  }
  return context;
}

/** The named context (or the current one) with its cluster and user; errors name the file and say the fix. */
export function resolveContext(kubeconfig: MergedKubeconfig, name?: string): ResolvedContext {
  const context = pickContext(kubeconfig, name);
  const where = describeKubeconfigSource(kubeconfig.source);
  const cluster = kubeconfig.clusters.get(context.cluster);
  if (!cluster) {
    const known = [...kubeconfig.clusters.keys()].sort(compareKubectlNames).join(', ') || 'none';
    throw new UserFacingError(
      'context-cluster-missing',
      `Context "${context.name}" (${at(context.origin)}) names cluster "${context.cluster}", which no file in ${where} defines. ` +
        `Add that cluster, or point the context at a defined one (known clusters: ${known}).`,
    );
  }
  if (!cluster.server) {
    throw new UserFacingError(
      'cluster-no-server',
      `Cluster "${cluster.name}" (${at(cluster.origin)}), used by context "${context.name}", has no server address. ` +
        `Set clusters[].cluster.server to the API server's URL (https://host:port) in ${cluster.origin.file}.`,
    );
  }
  let user: KubeconfigUser | undefined;
  if (context.user) {
    user = kubeconfig.users.get(context.user);
    if (!user) {
      const known = [...kubeconfig.users.keys()].sort(compareKubectlNames).join(', ') || 'none';
      throw new UserFacingError(
        'context-user-missing',
        `Context "${context.name}" (${at(context.origin)}) names user "${context.user}", which no file in ${where} defines. ` +
          `Add that user's credentials, or point the context at a defined user (known users: ${known}).`,
      );
    }
  }
  return { kubeconfig, context, cluster, user };
}
