// Secrets the app must keep between launches (the gateway secret, later), encrypted with the OS keychain through
// Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the Secret Service (GNOME Keyring, KWallet) on
// Linux. The ciphertext sits in one file in the app's data folder; without the user's keychain it is useless.
// safeStorage is passed in (type-only import) so the store is tested with a stand-in.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { UserFacingError } from '../../agent-core/kube/user-facing-error.ts';

export const SECRETS_FILE = 'secrets.json';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?: () => string;
};

export type Availability = { available: true } | { available: false; reason: string };

export interface SecretStore {
  /** Whether secrets can be kept now, and if not the reason to show the user. Only meaningful after app `ready`. */
  availability(): Availability;
  /** The secret, or undefined when none is stored under `name`. */
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

interface SecretsFile {
  version: 1;
  /** name → base64 of safeStorage's ciphertext */
  secrets: Record<string, string>;
}

const MAX_NAME_LENGTH = 200;

function checkName(name: string): void {
  if (typeof name !== 'string' || name === '' || name.length > MAX_NAME_LENGTH) throw new TypeError(`a secret's name is a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
}

function unavailableReason(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | undefined {
  const fix =
    platform === 'linux'
      ? 'Install and unlock a Secret Service keyring (GNOME Keyring or KWallet) and start Cluster Insight from that desktop session.'
      : platform === 'darwin'
        ? 'Unlock the macOS Keychain and try again.'
        : 'Sign in to Windows as the user who runs Cluster Insight and try again.';
  if (!safeStorage.isEncryptionAvailable()) return `The OS keychain is not available, so Cluster Insight cannot store secrets. ${fix}`;
  // Without a keyring, Electron on Linux falls back to a fixed key compiled into Chromium: that is obfuscation,
  // not encryption, and a secret kept that way would be readable by anyone who can read the file.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return `No keyring was found (Electron would fall back to a fixed, publicly known key), so Cluster Insight does not store secrets. ${fix}`;
  }
  return undefined;
}

export function openSecretStore(options: { file: string; safeStorage: SafeStorageLike; platform?: NodeJS.Platform }): SecretStore {
  const { file, safeStorage } = options;
  const platform = options.platform ?? process.platform;

  const availability = (): Availability => {
    const reason = unavailableReason(safeStorage, platform);
    return reason ? { available: false, reason } : { available: true };
  };
  const requireAvailable = () => {
    const state = availability();
    if (!state.available) throw new UserFacingError('secret-storage-unavailable', state.reason);
  };

  const read = (): SecretsFile => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: Object.create(null) as Record<string, string> };
      throw new UserFacingError('secret-store-unreadable', `Cannot read ${file} (${(err as Error).message}). Check that the file is yours and readable.`, 2, { cause: err });
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretsFile>;
      if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) throw new Error('unexpected content');
      // A null-prototype copy, so a name like "__proto__" is just a name.
      const secrets: Record<string, string> = Object.create(null);
      for (const [name, value] of Object.entries(parsed.secrets)) if (typeof value === 'string') secrets[name] = value;
      return { version: 1, secrets };
    } catch (err) {
      throw new UserFacingError('secret-store-damaged', `${file} is damaged (${(err as Error).message}). Delete it and enter the secrets again.`, 2, { cause: err });
    }
  };

  const write = (content: SecretsFile) => {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    // Ciphertext only, but still nobody else's business: owner read/write, as ssh does with its keys.
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };

  return {
    availability,
    get(name) {
      checkName(name);
      const secrets = read().secrets;
      if (!Object.hasOwn(secrets, name)) return undefined;
      const stored = secrets[name]!;
      requireAvailable();
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (err) {
        throw new UserFacingError(
          'secret-unreadable',
          `The stored secret "${name}" cannot be decrypted: the OS keychain it was saved with is no longer available or has changed. Enter it again.`,
          2,
          { cause: err },
        );
      }
    },
    set(name, value) {
      checkName(name);
      if (typeof value !== 'string') throw new TypeError('a secret is a string');
      requireAvailable();
      const content = read();
      content.secrets[name] = safeStorage.encryptString(value).toString('base64');
      write(content);
    },
    delete(name) {
      checkName(name);
      const content = read();
      if (!Object.hasOwn(content.secrets, name)) return;
      delete content.secrets[name];
      write(content);
    },
  };
}
