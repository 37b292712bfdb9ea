import crypto from 'node:crypto';

/**
 * The privacy setting "hash names": namespaces, object, owner, node and container names leave the agent as
 * HMAC-SHA-256 with a key that never leaves it (one per cluster, kept in the store), so the gateway can group and
 * correlate (the same name always gives the same hash) without learning the names.
 */
export class NameHasher {
  constructor(private readonly key: Buffer | undefined) {}

  get enabled(): boolean {
    return this.key !== undefined;
  }

  name(value: string): string;
  name(value: string | undefined): string | undefined;
  name(value: string | undefined): string | undefined {
    if (value === undefined || !this.key) return value;
    return `h:${crypto.createHmac('sha256', this.key).update(value, 'utf8').digest('base64url').slice(0, 22)}`;
  }

  /** "ns/pod/container" with each part hashed. */
  containerKey(key: string): string {
    return this.key ? key.split('/').map((p) => this.name(p)).join('/') : key;
  }
}
