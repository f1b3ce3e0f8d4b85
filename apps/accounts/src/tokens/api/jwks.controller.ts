import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JSONWebKeySet } from 'jose';
import { JWKS_PATH } from '@shop/contracts';
import { SigningKeysService } from '../application/signing-keys.service';

@ApiTags('accounts')
@Controller()
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  /** Public keys that verify access tokens (RFC 7517), cached by every verifier. */
  @Get(JWKS_PATH)
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: 'JSON Web Key Set' })
  jwks(): JSONWebKeySet {
    return this.keys.publicKeys();
  }
}
