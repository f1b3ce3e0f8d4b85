import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 iterations). */
@Injectable()
export class PasswordHasher {
  /** Compared against when the email is unknown, so both failures cost the same time. */
  private readonly decoy = hash('decoy-password-for-unknown-accounts');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(hashed: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await verify(hashed ?? (await this.decoy), password);
      return hashed !== undefined && matches;
    } catch {
      return false;
    }
  }
}
