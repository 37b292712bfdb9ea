// Where the app keeps secrets (the gateway relay's): injected into startAppServer. The desktop app passes
// electron/main/secret-store.ts (the OS keychain through safeStorage); web mode uses the file store below.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../kube/user-facing-error.ts';

export interface SecretStore {
  /** The secret, or undefined when none is stored under `name`. */
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** How the secrets are kept, for the UI to say so. */
export interface SecretStorage {
  store: SecretStore;
  kind: 'keychain' | 'file';
}

/** Web mode's store: one JSON file, owner read/write only (as ssh keeps its keys). Not encrypted: no keychain here. */
export const WEB_SECRETS_FILE = 'web-secrets.json';

export function fileSecretStore(file: string): SecretStore {
  const read = (): Record<string, string> => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Object.create(null) as Record<string, string>;
      throw new UserFacingError('secret-store-unreadable', `Cannot read ${file} (${(err as Error).message}). Check that the file is yours and readable.`, 2, { cause: err });
    }
    try {
      const parsed = JSON.parse(text) as { version?: number; secrets?: unknown };
      if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) throw new Error('unexpected content');
      const secrets = Object.create(null) as Record<string, string>;
      for (const [name, value] of Object.entries(parsed.secrets)) if (typeof value === 'string') secrets[name] = value;
      return secrets;
    } catch (err) {
      throw new UserFacingError('secret-store-damaged', `${file} is damaged (${(err as Error).message}). Delete it and import the connection file again.`, 2, { cause: err });
    }
  };
  const write = (secrets: Record<string, string>) => {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ version: 1, secrets }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  return {
    get(name) {
      const secrets = read();
      return Object.hasOwn(secrets, name) ? secrets[name] : undefined;
    },
    set(name, value) {
      const secrets = read();
      secrets[name] = value;
      write(secrets);
    },
    delete(name) {
      const secrets = read();
      if (!Object.hasOwn(secrets, name)) return;
      delete secrets[name];
      write(secrets);
    },
  };
}

export function webSecretStorage(dataDir: string): SecretStorage {
  return { store: fileSecretStore(path.join(dataDir, WEB_SECRETS_FILE)), kind: 'file' };
}
