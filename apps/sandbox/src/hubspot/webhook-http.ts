import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostOutcome =
  | { ok: true; statusCode: number; body?: string }
  | { ok: false; statusCode?: number; error?: string; body?: string };

/** Enough for any challenge echo; a receiver sending more is cut off. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * POSTs one webhook batch. The outcome is settled by the status line: a receiver that has not
 * answered within `timeoutMs` has failed, as for HubSpot. No connection pooling, so a receiver that
 * goes away leaves nothing behind; every error becomes an outcome, never an exception. With
 * `readBody` the outcome waits for (and carries) the response body, as a URL-verification
 * challenge needs.
 */
export function postWebhook(input: {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal: AbortSignal;
  readBody?: boolean;
}): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const send = input.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      input.url,
      {
        method: 'POST',
        agent: false,
        signal: input.signal,
        headers: { ...input.headers, 'Content-Length': String(Buffer.byteLength(input.body)) },
      },
      (res) => {
        res.on('error', () => undefined);
        const statusCode = res.statusCode ?? 0;
        const ok = statusCode >= 200 && statusCode < 300;
        if (!input.readBody) {
          res.resume();
          settle(ok ? { ok: true, statusCode } : { ok: false, statusCode });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          settle(ok ? { ok: true, statusCode, body } : { ok: false, statusCode, body });
        });
      },
    );
    const timer = setTimeout(() => {
      settle({ ok: false, error: `no response within ${input.timeoutMs} ms` });
      req.destroy();
    }, input.timeoutMs);
    req.on('error', (error) => settle({ ok: false, error: error.message }));
    req.end(input.body);
  });
}
