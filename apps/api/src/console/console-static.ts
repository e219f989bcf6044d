import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/**
 * Paths the API answers itself; the console never shadows them, so an unknown `/v1/...` stays a
 * problem-details 404 and webhooks, OAuth callbacks, health, metrics, docs and Bull Board are untouched.
 */
export const API_PATH_PREFIXES = ['/v1', '/docs', '/metrics', '/health', '/admin', '/oauth', '/webhooks'];

/**
 * Where the console's build lands (`dist/console`, from scripts/build-console.mjs): next to the
 * compiled API (`dist/apps/api/src/console` → `dist/console`) or, when the API runs from its
 * TypeScript sources (tests), under the repository's `dist/`.
 */
export function findConsoleBuild(): string | undefined {
  const candidates = [
    resolve(__dirname, '../../../../console'),
    resolve(__dirname, '../../../../dist/console'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the web console at `/`: its files as they are (hashed assets cached for a year), and its
 * `index.html` for any other GET that asks for HTML (client-side routes such as `/leads/…`, and the
 * `/console/…` pages the OAuth callback redirects to). Everything under the API's own prefixes passes
 * through untouched.
 */
export function consoleStaticHandler(root: string) {
  const rootWithSep = root.endsWith(sep) ? root : `${root}${sep}`;
  const indexFile = join(root, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = normalize(join(root, decoded));
    const servable = file.startsWith(rootWithSep) && !decoded.endsWith('/') && !decoded.includes('/.');
    if (servable && statSync(file, { throwIfNoEntry: false })?.isFile()) {
      const immutable = decoded.startsWith('/assets/');
      res.sendFile(file, {
        dotfiles: 'ignore',
        headers: { 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' },
      });
      return;
    }
    if (decoded.startsWith('/assets/') || !req.accepts('html')) return next();
    res.sendFile(indexFile, { headers: { 'cache-control': 'no-cache' } });
  };
}
