import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { sql } from '@shop/platform/persistence';
import {
  SigningKeysRepository,
  type StoredSigningKey,
} from '../application/signing-keys.repository';

const KEY_CREATION_LOCK = 727_002;

interface StoredKey {
  kid: string;
  public_jwk: JWK;
  private_jwk: JWK;
}

@Injectable()
export class PostgresSigningKeysRepository implements SigningKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async loadOrCreate(create: () => Promise<StoredSigningKey>): Promise<StoredSigningKey[]> {
    const keys = await this.db.transaction(async (tx) => {
      await sql(tx, 'SELECT pg_advisory_xact_lock($1)', [KEY_CREATION_LOCK]);
      const existing: StoredKey[] = await sql(
        tx,
        'SELECT kid, public_jwk, private_jwk FROM signing_keys ORDER BY created_at DESC',
      );
      if (existing.length > 0) return existing;
      const key = await create();
      const created: StoredKey = {
        kid: key.kid,
        public_jwk: key.publicJwk,
        private_jwk: key.privateJwk,
      };
      await sql(tx, 'INSERT INTO signing_keys (kid, public_jwk, private_jwk) VALUES ($1, $2, $3)', [
        created.kid,
        created.public_jwk,
        created.private_jwk,
      ]);
      return [created];
    });
    return keys.map((key) => ({
      kid: key.kid,
      publicJwk: key.public_jwk,
      privateJwk: key.private_jwk,
    }));
  }
}
