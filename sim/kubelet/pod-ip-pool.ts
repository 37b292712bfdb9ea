/**
 * Pod IPs from a node's /24: node i gets 10.(64 + i / 256).(i % 256).0/24, so addresses are unique across
 * a fleet of up to 16 384 nodes, and .2–.254 leave room for the kubelet's 110 pods.
 */
export class PodIpPool {
  readonly cidr: string;
  readonly #prefix: string;
  readonly #free: number[] = [];
  readonly #used = new Set<number>();

  constructor(nodeIndex: number) {
    this.#prefix = `10.${64 + Math.floor(nodeIndex / 256)}.${nodeIndex % 256}.`;
    this.cidr = `${this.#prefix}0/24`;
    for (let host = 254; host >= 2; host--) this.#free.push(host);
  }

  /** The lowest free address, or `preferred` when it is ours and free (a pod adopted after a restart). */
  allocate(preferred?: string): string {
    const wanted = this.#hostOf(preferred);
    if (wanted !== undefined && !this.#used.has(wanted)) {
      this.#free.splice(this.#free.indexOf(wanted), 1);
      this.#used.add(wanted);
      return preferred!;
    }
    const host = this.#free.pop();
    if (host === undefined) throw new Error(`no pod IP left in ${this.cidr}`);
    this.#used.add(host);
    return `${this.#prefix}${host}`;
  }

  release(ip: string): void {
    const host = this.#hostOf(ip);
    if (host === undefined || !this.#used.delete(host)) return;
    this.#free.push(host);
    this.#free.sort((a, b) => b - a);
  }

  #hostOf(ip: string | undefined): number | undefined {
    if (!ip?.startsWith(this.#prefix)) return undefined;
    const host = Number(ip.slice(this.#prefix.length));
    return Number.isInteger(host) && host >= 2 && host <= 254 ? host : undefined;
  }
}
