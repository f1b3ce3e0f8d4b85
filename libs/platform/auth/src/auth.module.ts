import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

@Injectable()
class VerifierLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {}
  onModuleInit(): void {
    this.verifier.start();
  }
  onApplicationShutdown(): void {
    this.verifier.stop();
  }
}

/** Token verification for a service: `@Authenticated()` routes and `@CurrentUser()`. */
@Module({})
export class AuthModule {
  static forRoot(options: TokenVerifierOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: TokenVerifier, useFactory: () => new TokenVerifier(options) }, AuthGuard, VerifierLifecycle],
      exports: [TokenVerifier, AuthGuard],
    };
  }
}
