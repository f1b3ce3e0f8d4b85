import { AppException } from '@shop/platform/errors';

export enum AuthErrorCode {
  Missing = 'AUTH_REQUIRED',
  Invalid = 'INVALID_TOKEN',
  Forbidden = 'FORBIDDEN',
  KeysUnavailable = 'AUTH_KEYS_UNAVAILABLE',
}

export class AuthException extends AppException<AuthErrorCode> {
  static missing(): AuthException {
    return new AuthException(AuthErrorCode.Missing, 'a bearer access token is required');
  }

  /** One message for every bad token: the reason is logged, not told. */
  static invalid(): AuthException {
    return new AuthException(AuthErrorCode.Invalid, 'the access token is invalid or expired');
  }

  static forbidden(role: string): AuthException {
    return new AuthException(AuthErrorCode.Forbidden, `the ${role} role is required`);
  }

  static keysUnavailable(): AuthException {
    return new AuthException(AuthErrorCode.KeysUnavailable, 'tokens cannot be verified right now');
  }

  httpStatus(): number {
    switch (this.code) {
      case AuthErrorCode.Missing:
      case AuthErrorCode.Invalid:
        return 401;
      case AuthErrorCode.Forbidden:
        return 403;
      case AuthErrorCode.KeysUnavailable:
        return 503;
      default: {
        const unreachable: never = this.code;
        return unreachable;
      }
    }
  }
}
