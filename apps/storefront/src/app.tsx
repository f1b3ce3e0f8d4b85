import { useEffect, useState } from 'react';
import type { SystemHealth } from '@shop/contracts';
import { requestJson } from './api/http';
import { PART_SHORT_NAMES, type ShopPart } from './api/errors';
import { Link, match, useLocation } from './router';
import { setSession, useSession } from './session';
import { CatalogPage } from './pages/catalog';
import { ProductPage } from './pages/product';
import { LoginPage, SignupPage } from './pages/auth';
import { CartPage } from './pages/cart';
import { OrderPage, OrdersPage } from './pages/orders';
import { SystemPage } from './system/system-page';
import { Notice } from './ui';

/** Checks `GET /api/health` every 10 s and names the parts of the shop that are down. */
function useDownParts(): ShopPart[] {
  const [down, setDown] = useState<ShopPart[]>([]);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      try {
        const health = await requestJson<SystemHealth>('/api/health', { timeoutMs: 5_000 });
        const parts = Object.entries(health.services ?? {})
          .filter(([, state]) => state !== 'up')
          .map(([name]) => name as ShopPart);
        if (!stopped) setDown(parts);
      } catch {
        if (!stopped) setDown(['shop']);
      }
    };
    void check();
    const timer = setInterval(check, 10_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return down;
}

function Header() {
  const session = useSession();
  const { path } = useLocation();
  const current = (href: string) =>
    (href === '/' ? path === '/' || path.startsWith('/products') : path.startsWith(href))
      ? ('page' as const)
      : undefined;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="brand">
        Shop
      </Link>
      <nav aria-label="Main">
        <Link href="/" aria-current={current('/')}>
          Catalog
        </Link>
        <Link href="/cart" aria-current={current('/cart')}>
          Cart
        </Link>
        <Link href="/orders" aria-current={current('/orders')}>
          My orders
        </Link>
        <Link href="/system" aria-current={current('/system')}>
          System map
        </Link>
      </nav>
      <div className="account">
        {session ? (
          <>
            <span className="who">Signed in as {session.name || session.email}</span>
            <button type="button" className="link-button" onClick={() => setSession(null)}>
              Log out
            </button>
          </>
        ) : (
          <>
            <Link href="/login" aria-current={current('/login')}>
              Log in
            </Link>
            <Link href="/signup" aria-current={current('/signup')}>
              Sign up
            </Link>
          </>
        )}
      </div>
    </header>
  );
}

function Routes() {
  const { path } = useLocation();
  if (path === '/') return <CatalogPage />;
  let params = match('/products/:id', path);
  if (params) return <ProductPage id={params.id} />;
  if (path === '/login') return <LoginPage />;
  if (path === '/signup') return <SignupPage />;
  if (path === '/cart') return <CartPage />;
  if (path === '/orders') return <OrdersPage />;
  params = match('/orders/:id', path);
  if (params) return <OrderPage id={params.id} />;
  if (path === '/system') return <SystemPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at <code>{path}</code>. <Link href="/">Back to the catalog</Link>.
      </p>
    </section>
  );
}

export function App() {
  const down = useDownParts();
  const { path } = useLocation();
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      <Header />
      {down.length > 0 && (
        <Notice kind="warning">
          {down.includes('shop')
            ? 'The shop cannot be reached right now; retrying every 10 seconds.'
            : `Unavailable right now: ${down.map((part) => PART_SHORT_NAMES[part] ?? part).join(', ')}. Everything else keeps working.`}
        </Notice>
      )}
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
      <footer className="site-footer">
        <span>Reference microservices shop.</span> <a href="/api/docs">API documentation</a>
      </footer>
    </>
  );
}
