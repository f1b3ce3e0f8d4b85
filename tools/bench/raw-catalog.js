// The framework baseline for `npm run bench`: catalog's GET /products/:id as a bare Fastify
// handler with node-postgres — the same query, row mapping, 404 body and pool size as the Nest
// service, without Nest, validation pipes, request logs or telemetry. It runs inside the catalog
// image (its fastify and pg), mounted by tools/bench/compose.bench.yml. Not part of the product.
'use strict';
const fastify = require('fastify')({ logger: false });
const { Pool } = require('pg');

const pool = new Pool({
  host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT ?? 5432),
  database: process.env.DB_NAME,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, sku, name, description, category, price_cents, currency, stock';

fastify.get('/products/:id', async (request, reply) => {
  const { id } = request.params;
  const { rows } = UUID.test(id)
    ? await pool.query(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id])
    : { rows: [] };
  if (rows.length === 0) {
    return reply.status(404).send({
      statusCode: 404,
      code: 'PRODUCT_NOT_FOUND',
      message: `product ${id} not found`,
    });
  }
  const row = rows[0];
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: row.category,
    priceCents: row.price_cents,
    currency: row.currency,
    stock: row.stock,
  };
});
fastify.get('/health/ready', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

fastify.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 3000) }).catch((error) => {
  console.error(error);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () =>
    fastify
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
  );
