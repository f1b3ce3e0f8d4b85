import { Module } from '@nestjs/common';
import { JwksController } from './api/jwks.controller';
import { SigningKeysRepository } from './application/signing-keys.repository';
import { SigningKeysService } from './application/signing-keys.service';
import { PostgresSigningKeysRepository } from './persistence/postgres-signing-keys.repository';

@Module({
  controllers: [JwksController],
  providers: [
    SigningKeysService,
    { provide: SigningKeysRepository, useClass: PostgresSigningKeysRepository },
  ],
  exports: [SigningKeysService],
})
export class TokensModule {}
