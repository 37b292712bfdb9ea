// Runs in each worker of the cluster-sim project before its test file: a test that starts a cluster of its own
// (e.g. the API server restart test) gets the simulated API server too. Child processes (the CLI) keep the default.
import { useSimulatedApiServerByDefault } from '../sim/testcluster/test-cluster.ts';

useSimulatedApiServerByDefault();
