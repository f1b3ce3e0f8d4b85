import { decideRoute, PUBLIC_ROUTES } from './public-routes';
import { accountOf, policyRules, type FailedLoginLimit } from './route-policies';

const rulesFor = (method: string, url: string) => {
  const route = decideRoute(method, url);
  if (route.kind !== 'forward') throw new Error(`${method} ${url} is not forwarded`);
  return policyRules(route.policy);
};

describe('route policies', () => {
  it('limits signups and logins per address, together', () => {
    for (const url of ['/api/accounts/signup', '/api/accounts/login'])
      expect(rulesFor('POST', url).limits).toEqual([{ limiter: 'auth-attempts', per: 'address' }]);
  });

  it('counts failed logins by the email of the body, on logins only', () => {
    expect(rulesFor('POST', '/api/accounts/login').failedLogins).toEqual({
      accountField: 'email',
      maxLength: 254,
    });
    expect(rulesFor('POST', '/api/accounts/signup').failedLogins).toBeUndefined();
  });

  it('limits order placements per user, by both routes that place one', () => {
    for (const url of ['/api/orders', '/api/cart/checkout'])
      expect(rulesFor('POST', url).limits).toEqual([{ limiter: 'order-placements', per: 'user' }]);
  });

  it('applies no limit to any other route', () => {
    const limited = PUBLIC_ROUTES.filter((route) => policyRules(route.policy).limits.length > 0);
    expect(limited.map((r) => `${r.method} ${r.service}/${r.pattern.join('/')}`)).toEqual([
      'POST accounts/signup',
      'POST accounts/login',
      'POST cart/checkout',
      'POST orders/',
    ]);
    expect(rulesFor('GET', '/api/orders')).toEqual({ limits: [] });
  });
});

describe('accountOf', () => {
  const rule: FailedLoginLimit = { accountField: 'email', maxLength: 254 };
  const body = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('reads the account from the JSON body', () => {
    expect(accountOf(body({ email: 'Ann@Example.com', password: 'x' }), rule)).toBe(
      'Ann@Example.com',
    );
  });

  it.each([
    ['no body', undefined],
    ['a body that is not JSON', Buffer.from('email=ann@example.com')],
    ['JSON null', body(null)],
    ['a non-string email', body({ email: 42 })],
    ['an email longer than the limit', body({ email: `${'a'.repeat(250)}@b.cd` })],
  ])('names no account for %s', (_name, value) => {
    expect(accountOf(value, rule)).toBeUndefined();
  });
});
