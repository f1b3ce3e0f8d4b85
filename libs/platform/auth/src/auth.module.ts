import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  type InjectionToken,
  type ModuleMetadata,
} from '@nestjs/common';
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
      providers: [
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(options) },
        AuthGuard,
        VerifierLifecycle,
      ],
      exports: [TokenVerifier, AuthGuard],
    };
  }

  /** For a verifier whose options come from other providers (accounts uses its own key store). */
  static forRootAsync(options: {
    imports?: ModuleMetadata['imports'];
    inject: InjectionToken[];
    useFactory: (...deps: never[]) => TokenVerifierOptions;
  }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: TokenVerifier,
          inject: options.inject,
          useFactory: (...deps: never[]) => new TokenVerifier(options.useFactory(...deps)),
        },
        AuthGuard,
        VerifierLifecycle,
      ],
      exports: [TokenVerifier, AuthGuard],
    };
  }
}
