export { startControlPlane, apiStatus, DEFAULT_CONTROLLERS, type ControlPlane, type ControlPlaneOptions, type ControlPlaneUser } from './control-plane.ts';
export { resolveControlPlaneAssets, CONTROL_PLANE_BINARIES, type ControlPlaneAssets } from './assets.ts';
export { killAllSupervised } from './supervised-process.ts';
