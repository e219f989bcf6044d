import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleStaticHandler } from './console-static';

describe('consoleStaticHandler', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    writeFileSync(join(dir, '.build-stamp'), 'stamp');
    const app = express();
    app.use(consoleStaticHandler(dir));
    app.use((_req, res) => void res.status(404).json({ title: 'Not Found' }));
    await new Promise<void>((done) => {
      server = app.listen(0, '127.0.0.1', () => done());
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, accept = 'text/html') => fetch(`${base}${path}`, { headers: { accept } });

  it('serves the build’s files, hashed assets cached for good', async () => {
    const res = await get('/assets/app-1.js', '*/*');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers client routes (and the OAuth callback’s /console/… target) with index.html', async () => {
    for (const path of ['/', '/leads/123', '/console/connections/abc?connected=1']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>console</title>');
    }
  });

  it('never shadows the API’s paths, non-HTML requests, missing assets or dotfiles', async () => {
    for (const path of [
      '/v1/leads',
      '/v1',
      '/health/ready',
      '/metrics',
      '/docs',
      '/admin/queues',
      '/assets/missing.js',
    ]) {
      expect((await get(path)).status).toBe(404);
    }
    expect((await get('/leads', 'application/json')).status).toBe(404);
    expect(await (await get('/.build-stamp')).text()).not.toBe('stamp');
    expect(await (await get('/%2e%2e/%2e%2e/etc/passwd')).text()).not.toContain('root:');
  });
});
