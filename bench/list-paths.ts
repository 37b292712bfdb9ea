// The collections kubectl and the inventory list, as API paths.

/** `kubectl get pods,deploy,rs,sts,ds,jobs,cronjobs -A -o json`: the command the inventory is compared with. */
export const KUBECTL_KINDS = ['pods', 'deploy', 'rs', 'sts', 'ds', 'jobs', 'cronjobs'] as const;
/** The same, plus what else the inventory lists (agent-core/inventory/watched-kinds.ts): like for like. */
export const INVENTORY_KINDS = [...KUBECTL_KINDS, 'rc', 'ns', 'nodes', 'limitranges'] as const;

/** The collection path of each kubectl short name, on a server whose CronJobs are served at cronJobApiVersion. */
export function listPath(kind: (typeof INVENTORY_KINDS)[number], cronJobApiVersion: string): string {
  switch (kind) {
    case 'pods':
      return '/api/v1/pods';
    case 'deploy':
      return '/apis/apps/v1/deployments';
    case 'rs':
      return '/apis/apps/v1/replicasets';
    case 'sts':
      return '/apis/apps/v1/statefulsets';
    case 'ds':
      return '/apis/apps/v1/daemonsets';
    case 'jobs':
      return '/apis/batch/v1/jobs';
    case 'cronjobs':
      return `/apis/${cronJobApiVersion}/cronjobs`;
    case 'rc':
      return '/api/v1/replicationcontrollers';
    case 'ns':
      return '/api/v1/namespaces';
    case 'nodes':
      return '/api/v1/nodes';
    case 'limitranges':
      return '/api/v1/limitranges';
  }
}
