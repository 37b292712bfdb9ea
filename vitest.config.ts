import { defineConfig } from 'vitest/config';

const exclude = ['node_modules/**', 'e2e/**', 'dist/**'];

export default defineConfig({
  test: {
    // CI keeps a JSON report beside the usual output, for .ci/run's summary line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{agent-core,sim,electron,test,eval}/**/*.test.ts', 'renderer/src/**/*.test.ts'],
          exclude: [...exclude, '**/*.cluster.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // Tests against the real control plane (etcd, kube-apiserver, controller-manager, scheduler)
        // with simulated kubelets: one cluster per run, started by the global setup; a namespace per test.
        test: {
          name: 'cluster',
          include: ['{agent-core,sim,electron,test}/**/*.cluster.test.ts'],
          exclude,
          globalSetup: ['test/cluster-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        // The same cluster tests against the simulated API server (sim/apiserver) in place of the real control
        // plane: a test that fails only here is a bug in the simulator.
        test: {
          name: 'cluster-sim',
          include: ['{agent-core,sim,electron,test}/**/*.cluster.test.ts'],
          exclude,
          globalSetup: ['test/cluster-sim-global-setup.ts'],
          setupFiles: ['test/cluster-sim-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
