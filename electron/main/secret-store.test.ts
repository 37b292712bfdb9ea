import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecretStore, SECRETS_FILE, type SafeStorageLike } from './secret-store.ts';

/** A stand-in for safeStorage: "encrypts" by reversing and tagging, so the file never holds the plain text. */
function fakeSafeStorage(over: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decryptString: (encrypted) => {
      const text = encrypted.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice(4)].reverse().join('');
    },
    ...over,
  };
}

const fileIn = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ci-secrets-')), SECRETS_FILE);

describe('openSecretStore', () => {
  it('keeps secrets encrypted in one owner-only file and reads them back', () => {
    const file = fileIn();
    const store = openSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(store.get('gateway')).toBeUndefined();
    store.set('gateway', 's3cr3t-value');
    store.set('other', 'x');
    expect(store.get('gateway')).toBe('s3cr3t-value');
    expect(openSecretStore({ file, safeStorage: fakeSafeStorage() }).get('gateway')).toBe('s3cr3t-value');
    expect(readFileSync(file, 'utf8')).not.toContain('s3cr3t-value');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    store.delete('gateway');
    expect(store.get('gateway')).toBeUndefined();
    expect(store.get('other')).toBe('x');
  });

  it('refuses to store with a clear reason when the OS keychain is unavailable', () => {
    const store = openSecretStore({ file: fileIn(), safeStorage: fakeSafeStorage({ isEncryptionAvailable: () => false }), platform: 'linux' });
    const availability = store.availability();
    expect(availability.available).toBe(false);
    expect(() => store.set('gateway', 'x')).toThrowError(expect.objectContaining({ code: 'secret-storage-unavailable', message: expect.stringMatching(/keychain is not available.*GNOME Keyring or KWallet/) }));
  });

  it("refuses Linux's basic_text fallback, whose key is public", () => {
    const store = openSecretStore({ file: fileIn(), safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }), platform: 'linux' });
    expect(store.availability()).toMatchObject({ available: false, reason: expect.stringMatching(/No keyring was found/) });
    expect(() => store.set('gateway', 'x')).toThrowError(/No keyring/);
    const withKeyring = openSecretStore({ file: fileIn(), safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'gnome_libsecret' }), platform: 'linux' });
    expect(withKeyring.availability()).toEqual({ available: true });
  });

  it('says what to do when a stored secret no longer decrypts (the keychain changed)', () => {
    const file = fileIn();
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { gateway: Buffer.from('garbage').toString('base64') } }));
    const store = openSecretStore({ file, safeStorage: fakeSafeStorage() });
    expect(() => store.get('gateway')).toThrowError(/cannot be decrypted.*Enter it again/);
  });

  it('reports a damaged file instead of silently dropping the secrets in it', () => {
    const file = fileIn();
    writeFileSync(file, '{"version": 1, "secr');
    expect(() => openSecretStore({ file, safeStorage: fakeSafeStorage() }).get('gateway')).toThrowError(/is damaged/);
  });

  it('treats names as plain keys, __proto__ included', () => {
    const file = fileIn();
    const store = openSecretStore({ file, safeStorage: fakeSafeStorage() });
    expect(store.get('toString')).toBeUndefined();
    store.set('__proto__', 'p');
    expect(store.get('__proto__')).toBe('p');
    expect(openSecretStore({ file, safeStorage: fakeSafeStorage() }).get('__proto__')).toBe('p');
    expect(() => store.set('', 'x')).toThrowError(TypeError);
  });
});
