// The cluster tests' cluster with the simulated API server in place of the real control plane: a test that fails
// only in this run is a bug in the simulator.
import { clusterGlobalSetup } from './cluster-global-setup.ts';

export const { setup, teardown } = clusterGlobalSetup('simulated');
