import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a kubeconfig with contexts `testcluster` (admin) and `testcluster-viewer` (read-only). */
    testclusterKubeconfig: string;
    /** The seed the simulated kubelets' usage profiles were drawn with. */
    testclusterSeed: number;
  }
}
