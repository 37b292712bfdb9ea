import { clone, type Json, type KubeObject } from './kube-object.ts';

function hpaToV1(o: KubeObject): KubeObject {
  const out = clone(o);
  const spec: Json = o.spec ?? {};
  const cpu = (spec.metrics ?? []).find((m: Json) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
  out.spec = {
    scaleTargetRef: spec.scaleTargetRef,
    ...(spec.minReplicas !== undefined && { minReplicas: spec.minReplicas }),
    maxReplicas: spec.maxReplicas,
    ...(cpu && { targetCPUUtilizationPercentage: cpu.resource.target.averageUtilization }),
  };
  const st: Json = o.status ?? {};
  const current = (st.currentMetrics ?? []).find((m: Json) => m?.type === 'Resource' && m.resource?.name === 'cpu');
  out.status = {
    ...(st.observedGeneration !== undefined && { observedGeneration: st.observedGeneration }),
    ...(st.lastScaleTime && { lastScaleTime: st.lastScaleTime }),
    currentReplicas: st.currentReplicas ?? 0,
    desiredReplicas: st.desiredReplicas ?? 0,
    ...(current?.resource?.current?.averageUtilization !== undefined && { currentCPUUtilizationPercentage: current.resource.current.averageUtilization }),
  };
  return out;
}

function hpaFromV1(o: KubeObject): KubeObject {
  const out = clone(o);
  const spec: Json = o.spec ?? {};
  const { targetCPUUtilizationPercentage, ...rest } = spec;
  out.spec = {
    ...rest,
    ...(targetCPUUtilizationPercentage !== undefined && {
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCPUUtilizationPercentage } } }],
    }),
  };
  const { currentCPUUtilizationPercentage: _c, ...status } = (o.status ?? {}) as Json;
  out.status = status;
  return out;
}

/**
 * An object stored at one version as served at another. Most kinds are the same at every version we serve
 * (CronJob, PodDisruptionBudget: one version each); the HorizontalPodAutoscaler differs between autoscaling/v1
 * (a CPU target) and v2beta2 (metrics).
 */
export function convertTo(o: KubeObject, apiVersion: string): KubeObject {
  if (o.apiVersion === apiVersion) return o;
  let out = o;
  if (o.kind === 'HorizontalPodAutoscaler') {
    if (apiVersion === 'autoscaling/v1') out = hpaToV1(o);
    else if (o.apiVersion === 'autoscaling/v1') out = hpaFromV1(o);
  }
  return { ...out, apiVersion };
}
