import type { JWK } from 'jose';

export interface StoredSigningKey {
  readonly kid: string;
  readonly publicJwk: JWK;
  readonly privateJwk: JWK;
}

/** The port to the signing keys (persistence/postgres-signing-keys.repository.ts). */
export abstract class SigningKeysRepository {
  /**
   * Every signing key, newest first. When there is none, the one `create` makes is stored and
   * returned: under a lock, so replicas starting together store exactly one.
   */
  abstract loadOrCreate(create: () => Promise<StoredSigningKey>): Promise<StoredSigningKey[]>;
}
