/**
 * The floor for the webhook benchmark: a bare `node:http` server that stores each POST with one
 * Postgres INSERT (body and headers, like a webhook inbox row) and answers 200 — the least any
 * receiver that stores before it answers can do. Same pool size as the API's Prisma client.
 *
 *   DATABASE_URL=… PORT=… node --import tsx lab/floor-server.ts
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS lab_floor_delivery (
    id bigserial PRIMARY KEY, headers jsonb NOT NULL, body text NOT NULL,
    received_at timestamptz(3) NOT NULL DEFAULT now())`);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pool
        .query('INSERT INTO lab_floor_delivery (headers, body) VALUES ($1, $2)', [
          JSON.stringify(req.headers),
          Buffer.concat(chunks).toString('utf8'),
        ])
        .then(
          () => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"ok":true}');
          },
          () => {
            res.writeHead(500);
            res.end();
          },
        );
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor listening'));
  process.once('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

void main();
