import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type Resolve = (hostname: string) => Promise<string[]>;

/** Every address a name resolves to (IPv4): each replica of a scaled service. */
export const resolveAllAddresses: Resolve = async (hostname) =>
  isIP(hostname)
    ? [hostname]
    : (await lookup(hostname, { all: true, family: 4 })).map((entry) => entry.address);

/**
 * Every replica behind one service name, in turn. Docker's DNS answers a scaled service's name
 * with all its replicas, but Node's default lookup uses only the first: this resolves them all,
 * rotates over them, and resolves again every `refreshMs` (and at once after a failure) so
 * replicas coming and going are noticed.
 */
export class ReplicaResolver {
  private addresses: string[] = [];
  private resolvedAt = 0;
  private next = 0;
  private inflight: Promise<void> | undefined;

  constructor(
    readonly hostname: string,
    private readonly refreshMs = 1_000,
    private readonly resolve: Resolve = resolveAllAddresses,
  ) {}

  /** The address to use for the next request (the hostname itself if it is an IP). */
  async pick(): Promise<string> {
    if (isIP(this.hostname)) return this.hostname;
    if (this.addresses.length === 0 || Date.now() - this.resolvedAt >= this.refreshMs)
      await this.refresh();
    if (this.addresses.length === 0)
      throw Object.assign(new Error(`no address for ${this.hostname}`), { code: 'ENOTFOUND' });
    const address = this.addresses[this.next % this.addresses.length];
    this.next = (this.next + 1) % Number.MAX_SAFE_INTEGER;
    return address;
  }

  /** A replica failed to connect: drop it now and look again on the next pick. */
  forget(address: string): void {
    this.addresses = this.addresses.filter((a) => a !== address);
    this.resolvedAt = 0;
  }

  /** Addresses known right now (for tests and diagnostics). */
  known(): readonly string[] {
    return this.addresses;
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.resolve(this.hostname)
      .then((addresses) => {
        this.addresses = [...new Set(addresses)].sort();
        this.resolvedAt = Date.now();
      })
      .catch((error) => {
        // A dead service has no DNS entry: keep what we had only if it is fresh; else none.
        this.addresses = [];
        this.resolvedAt = Date.now();
        throw error;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}
