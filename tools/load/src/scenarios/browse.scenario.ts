import type { ProductPage } from '../public-api';
import { call } from '../http-client';
import type { Scenario, ScenarioContext } from './scenario';

const QUERIES = ['keyboard', 'coffee', 'tent', 'book', 'battery', 'lamp', 'puzzle', 'shoes'];
const CATEGORIES = ['books', 'electronics', 'home', 'outdoor', 'toys'];

/** Product reads: list pages, full-text search, category filters, single products. */
export function browseScenario(): Scenario & { pick(): string } {
  let target = '';
  let ids: string[] = [];
  let i = 0;
  const pick = () => {
    const n = i++;
    switch (n % 4) {
      case 0:
        return `/api/catalog/products?limit=20&offset=${(n * 7) % 20}`;
      case 1:
        return `/api/catalog/products?q=${QUERIES[n % QUERIES.length]}`;
      case 2:
        return `/api/catalog/products?category=${CATEGORIES[n % CATEGORIES.length]}&limit=10`;
      default:
        return `/api/catalog/products/${ids[n % ids.length]}`;
    }
  };
  return {
    name: 'browse',
    description: 'product list pages, search, category filters and single products (GET, public)',
    pick,
    async setup(context: ScenarioContext) {
      target = context.target;
      const page = await call<ProductPage>(target, 'GET', '/api/catalog/products?limit=100');
      if (page.status !== 200 || !page.body)
        throw new Error(`catalog answered ${page.status}: is the stack up?`);
      ids = page.body.items.map((p) => p.id);
    },
    async arrival() {
      const result = await call(target, 'GET', pick());
      return result.status === 200 ? undefined : `HTTP ${result.status || result.error}`;
    },
    extra: () => ({}),
  };
}
