import { isRecord } from '../inventory/kube-object.ts';

/** What container runtimes (containerd, CRI-O, Docker) grant a container that neither adds nor drops anything. */
export const RUNTIME_DEFAULT_CAPABILITIES = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
] as const;

/** Capabilities that amount to control of the node or its network. */
export const DANGEROUS_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN']);

/**
 * Capabilities a compromised process could misuse: the runtime's defaults and NET_ADMIN, as Polaris lists them, less
 * NET_BIND_SERVICE, which the Pod Security Standards' restricted profile allows back after dropping ALL.
 */
export const INSECURE_CAPABILITIES = new Set([...RUNTIME_DEFAULT_CAPABILITIES.filter((c) => c !== 'NET_BIND_SERVICE'), 'NET_ADMIN']);

/** "cap_net_raw" and "NET_RAW" name the same capability. */
export const normalizeCapability = (name: string) => name.toUpperCase().replace(/^CAP_/, '');

function namesAt(capabilities: unknown, list: 'add' | 'drop'): string[] {
  if (!isRecord(capabilities) || !Array.isArray(capabilities[list])) return [];
  return capabilities[list].filter((c): c is string => typeof c === 'string').map(normalizeCapability);
}

/** A container's securityContext.capabilities: what it adds, and what it keeps of the runtime's defaults. */
export function capabilitiesOf(securityContext: Record<string, unknown> | undefined): { added: string[]; retained: string[] } {
  const capabilities = securityContext?.capabilities;
  const added = namesAt(capabilities, 'add');
  const dropped = new Set(namesAt(capabilities, 'drop'));
  const retained = dropped.has('ALL') ? [] : RUNTIME_DEFAULT_CAPABILITIES.filter((c) => !dropped.has(c));
  return { added, retained };
}
