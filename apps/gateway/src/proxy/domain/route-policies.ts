import type { RoutePolicy } from './public-routes';

/** The gateway's counters a route's requests can be limited by (rate-limits/). */
export type LimiterName = 'auth-attempts' | 'order-placements';

/** A limit counted before a request is forwarded. */
export interface RequestLimit {
  readonly limiter: LimiterName;
  /**
   * Whose requests count together: the client address's, or the signed-in user's (a request
   * without a user is not counted: the service answers it 401).
   */
  readonly per: 'address' | 'user';
}

/**
 * Failed logins per account and client address: refused while over the limit, and counted from
 * the service's answer (401 a failure, 200 a success).
 */
export interface FailedLoginLimit {
  /** The JSON body's field naming the account, a string of at most `maxLength` characters. */
  readonly accountField: string;
  readonly maxLength: number;
}

/** What the gateway does with a route's requests besides forwarding them. */
export interface RoutePolicyRules {
  /** Counted in this order; the first over its limit answers 429. */
  readonly limits: readonly RequestLimit[];
  readonly failedLogins?: FailedLoginLimit;
}

const AUTH_ATTEMPTS: RequestLimit = { limiter: 'auth-attempts', per: 'address' };

/**
 * The policies PUBLIC_ROUTES name. Signups and logins each cost accounts an argon2id hash: limited
 * per address, together; logins also per account and address on failure. Order placements (POST
 * /api/orders and /api/cart/checkout) per user.
 */
export const ROUTE_POLICIES: Readonly<Record<RoutePolicy, RoutePolicyRules>> = {
  signup: { limits: [AUTH_ATTEMPTS] },
  login: { limits: [AUTH_ATTEMPTS], failedLogins: { accountField: 'email', maxLength: 254 } },
  'order-placement': { limits: [{ limiter: 'order-placements', per: 'user' }] },
};

const NO_RULES: RoutePolicyRules = { limits: [] };

export function policyRules(policy: RoutePolicy | undefined): RoutePolicyRules {
  return policy ? ROUTE_POLICIES[policy] : NO_RULES;
}

/**
 * The account a request body names for the failed-login limit, if it names one (anything else
 * is the service's 400 to give). Bodies are bounded by the gateway's body limit, so the whole
 * body is read whatever its padding.
 */
export function accountOf(body: unknown, rule: FailedLoginLimit): string | undefined {
  if (!Buffer.isBuffer(body)) return undefined;
  try {
    const account = (JSON.parse(body.toString('utf8')) as Record<string, unknown>)[
      rule.accountField
    ];
    return typeof account === 'string' && account.length <= rule.maxLength ? account : undefined;
  } catch {
    return undefined;
  }
}
