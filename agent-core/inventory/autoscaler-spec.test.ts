import { describe, expect, it } from 'vitest';
import { autoscalerSpec } from './autoscaler-spec.ts';

const hpa = (apiVersion: string, spec: Record<string, unknown>) => ({ apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec });
const target = { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } };

describe('autoscalerSpec', () => {
  it('reads the CPU utilisation target in every autoscaling version', () => {
    const v2 = hpa('autoscaling/v2', { ...target, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] });
    expect(autoscalerSpec(v2)).toEqual({ target: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 });
    const v2beta1 = hpa('autoscaling/v2beta1', { ...target, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: 60 } }] });
    expect(autoscalerSpec(v2beta1)).toMatchObject({ minReplicas: 1, cpuUtilization: 60 });
    expect(autoscalerSpec(hpa('autoscaling/v1', { ...target, maxReplicas: 3, targetCPUUtilizationPercentage: 80 }))).toMatchObject({ cpuUtilization: 80 });
  });

  it('no CPU utilisation target: memory, an average value, or a custom metric', () => {
    const metrics = [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } } },
      { type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '100' } } },
    ];
    expect(autoscalerSpec(hpa('autoscaling/v2', { ...target, maxReplicas: 5, metrics }))).toEqual({ target: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5 });
    expect(autoscalerSpec(hpa('autoscaling/v2', { maxReplicas: 5 }))).toBeUndefined();
  });
});
