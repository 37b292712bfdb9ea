// The core as the desktop app and web mode run it: the renderer build and the typed contract on 127.0.0.1.
export { startAppServer, type AppServer, type AppServerOptions } from './app-server.ts';
export { contentSecurityPolicy } from './content-security-policy.ts';
export { clusterDataDir } from './app-session.ts';
export { DEMO_CONTEXT, type DemoSource } from './demo-source.ts';
export { fileSecretStore, webSecretStorage, type SecretStorage, type SecretStore } from './secret-store.ts';
