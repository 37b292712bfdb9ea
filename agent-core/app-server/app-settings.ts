import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The gateway relay's configuration; its secret is in the secret store, never here. */
export interface RelaySettings {
  gatewayUrl: string;
  accountId: string;
  clusterId: string;
  /** The cluster folder (clusters/<name>-<hash>) the connection file was imported for, and its name for people. */
  clusterFolder: string;
  clusterLabel: string;
  hashNames: boolean;
  enabled: boolean;
}

/** What the app remembers between launches, in both shells: the last context used, the relay. */
export interface AppSettings {
  lastContext?: string;
  relay?: RelaySettings;
}

const FILE = 'app-settings.json';

function relayOf(value: unknown): RelaySettings | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const strings = ['gatewayUrl', 'accountId', 'clusterId', 'clusterFolder', 'clusterLabel'] as const;
  if (!strings.every((k) => typeof r[k] === 'string' && r[k] !== '')) return undefined;
  return {
    gatewayUrl: r.gatewayUrl as string,
    accountId: r.accountId as string,
    clusterId: r.clusterId as string,
    clusterFolder: r.clusterFolder as string,
    clusterLabel: r.clusterLabel as string,
    hashNames: r.hashNames === true,
    enabled: r.enabled !== false,
  };
}

export function readAppSettings(dataDir: string): AppSettings {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { lastContext, relay } = parsed as Record<string, unknown>;
    const relaySettings = relayOf(relay);
    return { ...(typeof lastContext === 'string' ? { lastContext } : {}), ...(relaySettings ? { relay: relaySettings } : {}) };
  } catch {
    // Missing or damaged: start fresh rather than refuse to start.
    return {};
  }
}

/** Updates the given fields, keeping the others; a field set to undefined is removed. */
export function writeAppSettings(dataDir: string, update: Partial<AppSettings>): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  const settings = { ...readAppSettings(dataDir), ...update };
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}
