import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpError, kubeRequestJson } from '../kube/kube-request.ts';
import { KIND_INFO, WATCHED_KINDS, type KindInfo, type WatchedKind } from './watched-kinds.ts';

/** A watched kind as this server serves it. */
export interface ServedResource extends KindInfo {
  version: string;
  /** "v1" for the core group, else "group/version" (e.g. "batch/v1beta1"). */
  apiVersion: string;
  /** The cluster-wide collection, e.g. /apis/batch/v1beta1/cronjobs. */
  collectionPath: string;
}

export interface DiscoveredResources {
  served: Map<WatchedKind, ServedResource>;
  /** Kinds no served version offers with list and watch. */
  unserved: WatchedKind[];
}

interface ApiVersions {
  versions?: string[];
}
interface ApiGroupList {
  groups?: { name: string; versions?: { version: string }[]; preferredVersion?: { version: string } }[];
}
interface ApiResourceList {
  resources?: { name: string; kind?: string; verbs?: string[] }[];
}

async function getOrUndefined<T>(kc: KubeConfig, path: string, timeoutMs: number): Promise<T | undefined> {
  try {
    return await kubeRequestJson<T>(kc, { path, timeoutMs });
  } catch (err) {
    if (err instanceof KubeHttpError && err.status === 404) return undefined;
    throw err;
  }
}

/** The server's versions of a group, its preferred one first and then in the server's own priority order. */
function groupVersions(groups: ApiGroupList, group: string): string[] {
  const entry = groups.groups?.find((g) => g.name === group);
  if (!entry) return [];
  const listed = (entry.versions ?? []).map((v) => v.version);
  const preferred = entry.preferredVersion?.version;
  return preferred ? [preferred, ...listed.filter((v) => v !== preferred)] : listed;
}

const basePath = (group: string, version: string) => (group === '' ? `/api/${version}` : `/apis/${group}/${version}`);

/** The versions to try for one kind: those it asks for first (when the group serves them), then the group's order. */
function versionOrder(info: KindInfo, served: string[]): string[] {
  const first = (info.versionsFirst ?? []).filter((v) => served.includes(v));
  return [...first, ...served.filter((v) => !first.includes(v))];
}

/**
 * Which version of each watched kind to use, by asking the server (never assumed: CronJob is batch/v1beta1 up to
 * Kubernetes 1.20 and batch/v1 from 1.21; PodDisruptionBudget policy/v1beta1 before 1.21). For each group the
 * preferred version is tried first, unless the kind names versions it needs more (HorizontalPodAutoscaler: v2, v2beta2).
 */
export async function discoverResources(kc: KubeConfig, timeoutMs = 10_000): Promise<DiscoveredResources> {
  const core = await getOrUndefined<ApiVersions>(kc, '/api', timeoutMs);
  const groups = (await getOrUndefined<ApiGroupList>(kc, '/apis', timeoutMs)) ?? {};
  const resourceLists = new Map<string, Promise<ApiResourceList | undefined>>();
  const resourcesAt = (group: string, version: string) => {
    const path = basePath(group, version);
    if (!resourceLists.has(path)) resourceLists.set(path, getOrUndefined<ApiResourceList>(kc, path, timeoutMs));
    return resourceLists.get(path)!;
  };

  const served = new Map<WatchedKind, ServedResource>();
  for (const kind of WATCHED_KINDS) {
    const info = KIND_INFO[kind];
    const versions = info.group === '' ? (core?.versions ?? []) : groupVersions(groups, info.group);
    for (const version of versionOrder(info, versions)) {
      const resource = (await resourcesAt(info.group, version))?.resources?.find((r) => r.name === info.resource);
      const verbs = resource?.verbs ?? ['list', 'watch'];
      if (!resource || !verbs.includes('list')) continue;
      served.set(kind, {
        ...info,
        version,
        apiVersion: info.group === '' ? version : `${info.group}/${version}`,
        collectionPath: `${basePath(info.group, version)}/${info.resource}`,
      });
      break;
    }
  }
  return { served, unserved: WATCHED_KINDS.filter((k) => !served.has(k)) };
}
