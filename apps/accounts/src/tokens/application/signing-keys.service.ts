import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
} from 'jose';
import {
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type AccessTokenClaims,
} from '@shop/contracts';
import { SigningKeysRepository } from './signing-keys.repository';

/**
 * The RS256 key accounts signs access tokens with. Kept in accounts' own database so every
 * replica signs with the same key and publishes the same JWKS; the first replica to start creates
 * it (under an advisory lock). A production deployment would keep the private key in a KMS.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private current: { kid: string; privateKey: CryptoKey | Uint8Array } | undefined;
  private jwks: JSONWebKeySet = { keys: [] };

  constructor(private readonly stored: SigningKeysRepository) {}

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
    const keys = await this.stored.loadOrCreate(async () => {
      const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, {
        extractable: true,
      });
      return {
        kid: randomUUID(),
        publicJwk: await exportJWK(publicKey),
        privateJwk: await exportJWK(privateKey),
      };
    });
    const newest = keys[0];
    this.current = {
      kid: newest.kid,
      privateKey: await importJWK(newest.privateJwk, TOKEN_ALGORITHM),
    };
    this.jwks = {
      keys: keys.map((key) => ({
        ...key.publicJwk,
        kid: key.kid,
        alg: TOKEN_ALGORITHM,
        use: 'sig',
      })),
    };
  }
}
