import type { WatchedKind } from '../inventory/watched-kinds.ts';

/** As Polaris: danger blocks production, warning should be fixed, info is advice that depends on the cluster. */
export type Severity = 'danger' | 'warning' | 'info';

export type Category = 'resources' | 'reliability' | 'security' | 'images' | 'networking';

export type CheckId =
  | 'cpuRequestsMissing'
  | 'memoryRequestsMissing'
  | 'cpuLimitsMissing'
  | 'memoryLimitsMissing'
  | 'readinessProbeMissing'
  | 'livenessProbeMissing'
  | 'runAsRootAllowed'
  | 'runAsPrivileged'
  | 'privilegeEscalationAllowed'
  | 'notReadOnlyRootFilesystem'
  | 'dangerousCapabilities'
  | 'insecureCapabilities'
  | 'hostPIDSet'
  | 'hostIPCSet'
  | 'hostPathSet'
  | 'automountServiceAccountToken'
  | 'hostNetworkSet'
  | 'hostPortSet'
  | 'tagNotSpecified'
  | 'pullPolicyNotAlways'
  | 'deploymentMissingReplicas'
  | 'missingPodDisruptionBudget'
  | 'hpaMinAvailability'
  | 'priorityClassNotSet';

/** A check that failed. */
export interface Finding {
  id: CheckId;
  severity: Severity;
  category: Category;
  /** The container it concerns; absent when it concerns the workload's pod spec or the workload itself. */
  container?: string;
  /** Present (true) when that container is an init container: names are unique only within each list. */
  init?: true;
  message: string;
  fix: string;
  /** What else the user should know, e.g. that another value comes from the namespace's LimitRange. */
  detail?: string;
}

/** A check that passed only thanks to something outside the workload's spec (a LimitRange default, a PDB). */
export interface ReadinessNote {
  id: CheckId;
  category: Category;
  container?: string;
  init?: true;
  detail: string;
}

/** A check that could not be decided, rather than a finding that might be false: the agent could not list what it needs. */
export interface UnknownCheck {
  id: CheckId;
  container?: string;
  init?: true;
  reason: string;
}

export interface WorkloadRef {
  uid: string;
  uuid: string;
  kind: WatchedKind;
  namespace?: string;
  name: string;
}

export interface WorkloadReadiness {
  workload: WorkloadRef;
  /** Most severe first; within a severity in check order. */
  findings: Finding[];
  notes: ReadinessNote[];
  unknown: UnknownCheck[];
  /** As Polaris: checks passed out of checks decided (one per container for container checks); unknown ones left out. */
  score: { passing: number; total: number };
}
