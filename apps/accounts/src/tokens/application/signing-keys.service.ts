import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { DataSource } from 'typeorm';
import {
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type AccessTokenClaims,
} from '@shop/contracts';
import { sql } from '@shop/platform/persistence';

const KEY_CREATION_LOCK = 727_002;

interface StoredKey {
  kid: string;
  public_jwk: JWK;
  private_jwk: JWK;
}

/**
 * The RS256 key accounts signs access tokens with. Kept in accounts' own database so every
 * replica signs with the same key and publishes the same JWKS; the first replica to start creates
 * it (under an advisory lock). A production deployment would keep the private key in a KMS.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private current: { kid: string; privateKey: CryptoKey | Uint8Array } | undefined;
  private jwks: JSONWebKeySet = { keys: [] };

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.loadOrCreate();
  }

  publicKeys(): JSONWebKeySet {
    return this.jwks;
  }

  async sign(claims: AccessTokenClaims, ttlSeconds: number): Promise<string> {
    if (!this.current) await this.loadOrCreate();
    const { kid, privateKey } = this.current as { kid: string; privateKey: CryptoKey | Uint8Array };
    return new SignJWT({ email: claims.email, roles: claims.roles })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(privateKey);
  }

  private async loadOrCreate(): Promise<void> {
    const keys = await this.db.transaction(async (tx) => {
      await sql(tx, 'SELECT pg_advisory_xact_lock($1)', [KEY_CREATION_LOCK]);
      const existing: StoredKey[] = await sql(
        tx,
        'SELECT kid, public_jwk, private_jwk FROM signing_keys ORDER BY created_at DESC',
      );
      if (existing.length > 0) return existing;
      const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, {
        extractable: true,
      });
      const kid = randomUUID();
      const created: StoredKey = {
        kid,
        public_jwk: await exportJWK(publicKey),
        private_jwk: await exportJWK(privateKey),
      };
      await sql(tx, 'INSERT INTO signing_keys (kid, public_jwk, private_jwk) VALUES ($1, $2, $3)', [
        created.kid,
        created.public_jwk,
        created.private_jwk,
      ]);
      return [created];
    });
    const newest = keys[0];
    this.current = {
      kid: newest.kid,
      privateKey: await importJWK(newest.private_jwk, TOKEN_ALGORITHM),
    };
    this.jwks = {
      keys: keys.map((key) => ({
        ...key.public_jwk,
        kid: key.kid,
        alg: TOKEN_ALGORITHM,
        use: 'sig',
      })),
    };
  }
}
