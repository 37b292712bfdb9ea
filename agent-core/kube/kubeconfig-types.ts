/** Where a kubeconfig entry was defined (kubectl's LocationOfOrigin), so errors can point at it. */
export interface Origin {
  file: string;
  line: number;
}

export interface KubeconfigCluster {
  name: string;
  origin: Origin;
  /** Empty when the file gives none; kubectl then fails with "no server found", as resolveContext does. */
  server: string;
  /** Absolute: relative paths are resolved against the defining file's folder. */
  certificateAuthority?: string;
  /** Base64, as in the file. */
  certificateAuthorityData?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

export interface ExecEnvVar {
  name: string;
  value: string;
}

/** A client-go exec credential plugin (users[].user.exec). */
export interface ExecConfig {
  /** Absolute when the file gave a path with a slash; a bare name is looked up on PATH when run. */
  command: string;
  args: string[];
  env: ExecEnvVar[];
  apiVersion: string;
  interactiveMode?: string;
  provideClusterInfo: boolean;
  installHint?: string;
}

export interface AuthProviderConfig {
  name: string;
  config: Record<string, string>;
}

export interface KubeconfigUser {
  name: string;
  origin: Origin;
  token?: string;
  /** Absolute. */
  tokenFile?: string;
  /** Absolute. */
  clientCertificate?: string;
  clientCertificateData?: string;
  /** Absolute. */
  clientKey?: string;
  clientKeyData?: string;
  username?: string;
  password?: string;
  impersonate?: string;
  exec?: ExecConfig;
  authProvider?: AuthProviderConfig;
}

export interface KubeconfigContext {
  name: string;
  origin: Origin;
  /** As written; may name a cluster no file defines. */
  cluster: string;
  /** As written; empty means anonymous. */
  user: string;
  namespace?: string;
}

/** One parsed kubeconfig file, entries in file order. */
export interface KubeconfigFile {
  path: string;
  currentContext?: string;
  clusters: KubeconfigCluster[];
  users: KubeconfigUser[];
  contexts: KubeconfigContext[];
}

/** How the files were found: kubectl's precedence is --kubeconfig, then KUBECONFIG, then ~/.kube/config. */
export interface KubeconfigSource {
  kind: 'flag' | 'env' | 'default';
  /** Files that exist, in precedence order, each once. */
  files: string[];
  /** Listed or default files that do not exist (skipped, as kubectl does). */
  missing: string[];
}

/** All files merged by kubectl's rules: the first file to define a name wins, and the first current-context set wins. */
export interface MergedKubeconfig {
  source: KubeconfigSource;
  currentContext?: string;
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
  contexts: Map<string, KubeconfigContext>;
}
