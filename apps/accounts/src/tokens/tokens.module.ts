import { Module } from '@nestjs/common';
import { JwksController } from './api/jwks.controller';
import { SigningKeysService } from './application/signing-keys.service';

@Module({
  controllers: [JwksController],
  providers: [SigningKeysService],
  exports: [SigningKeysService],
})
export class TokensModule {}
