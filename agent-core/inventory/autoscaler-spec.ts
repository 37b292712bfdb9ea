import { isRecord, type KubeObject } from './kube-object.ts';

/** What an HorizontalPodAutoscaler says about the workload it scales, whichever autoscaling version it came in. */
export interface AutoscalerSpec {
  target: { kind: string; name: string };
  /** 1 when unset (the API default). */
  minReplicas: number;
  maxReplicas?: number;
  /** The average CPU utilisation, in percent of the pods' CPU requests, it scales to hold; absent when it does not scale on CPU utilisation. */
  cpuUtilization?: number;
}

const numberOr = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** autoscaling/v2 and v2beta2: target.averageUtilization; v2beta1: targetAverageUtilization; v1: targetCPUUtilizationPercentage. */
function cpuUtilization(spec: Record<string, unknown>): number | undefined {
  const v1 = numberOr(spec.targetCPUUtilizationPercentage);
  if (v1 !== undefined) return v1;
  const metrics: unknown[] = Array.isArray(spec.metrics) ? spec.metrics : [];
  for (const metric of metrics) {
    if (!isRecord(metric) || metric.type !== 'Resource' || !isRecord(metric.resource) || metric.resource.name !== 'cpu') continue;
    const target = metric.resource.target;
    const utilization = isRecord(target) ? (target.type === 'Utilization' ? numberOr(target.averageUtilization) : undefined) : numberOr(metric.resource.targetAverageUtilization);
    if (utilization !== undefined) return utilization;
  }
  return undefined;
}

/** Names the workload an HPA scales, as an index key: the HPA's namespace, then its target's kind and name. */
export const autoscalerKey = (namespace: string | undefined, kind: string, name: string): string => `${namespace ?? ''}/${kind}/${name}`;

/** The spec of an HPA object; undefined when it names no scale target. */
export function autoscalerSpec(object: KubeObject): AutoscalerSpec | undefined {
  const spec = isRecord(object.spec) ? object.spec : {};
  const target = spec.scaleTargetRef;
  if (!isRecord(target) || typeof target.kind !== 'string' || typeof target.name !== 'string') return undefined;
  const maxReplicas = numberOr(spec.maxReplicas);
  const cpu = cpuUtilization(spec);
  return {
    target: { kind: target.kind, name: target.name },
    minReplicas: numberOr(spec.minReplicas) ?? 1,
    ...(maxReplicas === undefined ? {} : { maxReplicas }),
    ...(cpu === undefined ? {} : { cpuUtilization: cpu }),
  };
}
