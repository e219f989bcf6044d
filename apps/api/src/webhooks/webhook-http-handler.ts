import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Histogram } from 'prom-client';
import { redactUrl } from '@leadflow/observability';
import { requestIdFor } from '../app.module';
import { HTTP_HISTOGRAM } from '../http/http-metrics.middleware';
import { PROBLEM_TYPE_BASE, PROBLEM_TYPES, type ProblemDetails, type ProblemType } from '../http/problem';
import { WebhookInboxService } from './webhook-inbox.service';

/** `POST /v1/webhooks/{provider}` and `POST /v1/webhooks/{provider}/{connectionId}`, query allowed. */
const WEBHOOK_PATH = /^\/v1\/webhooks\/([^/?#]+)(?:\/([^/?#]+))?\/?(?:\?.*)?$/i;
const UUID = /^[0-9a-f-]{36}$/i;
const NO_CONNECTION = '00000000-0000-0000-0000-000000000000';
/** The same limit as the API's JSON body parser. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

class BodyProblem extends Error {
  constructor(
    readonly status: 413 | 415,
    readonly problemType: ProblemType,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const tooLarge = () =>
  new BodyProblem(
    413,
    PROBLEM_TYPES.tooLarge,
    'Payload too large',
    'The request body is larger than this endpoint accepts.',
  );

/** The raw body, decompressed when the sender compressed it, refused beyond `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let stream: Readable;
  if (encoding === 'identity') {
    if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge());
    stream = req;
  } else if (encoding === 'gzip' || encoding === 'deflate' || encoding === 'br') {
    const inflate =
      encoding === 'gzip'
        ? createGunzip()
        : encoding === 'deflate'
          ? createInflate()
          : createBrotliDecompress();
    req.on('error', (error) => inflate.destroy(error));
    stream = req.pipe(inflate);
  } else {
    return Promise.reject(
      new BodyProblem(
        415,
        PROBLEM_TYPES.malformedBody,
        'Unsupported encoding',
        'The request body encoding is not supported.',
      ),
    );
  }
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.removeAllListeners('data');
        if (stream !== req) stream.destroy();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    stream.once('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    stream.once('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export interface WebhookHttpHandlerDeps {
  inbox: WebhookInboxService;
  histogram?: Histogram<'method' | 'route' | 'status_code'>;
  logger: PinoLogger;
  bodyLimit?: number;
}

/**
 * The webhook receivers on plain `node:http`, ahead of Express and Nest (docs/adr/0020): read the
 * raw body, let the inbox verify and store it, answer. What the Nest pipeline gave these routes is
 * kept: the request id (`X-Request-Id`), problem+json refusals with the same bodies, the body-size
 * limit, the HTTP histogram by route template, and tracing (the OpenTelemetry http instrumentation
 * works at the `node:http` level). Per-request log lines are at debug; failures at error.
 */
export class WebhookHttpHandler {
  private readonly limit: number;

  constructor(private readonly deps: WebhookHttpHandlerDeps) {
    this.limit = deps.bodyLimit ?? WEBHOOK_BODY_LIMIT;
  }

  /** Takes the request when it is a webhook delivery; false leaves it to the Nest app. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const match = WEBHOOK_PATH.exec(url);
    if (match === null) return false;
    let provider: string;
    let connectionId: string | null;
    try {
      provider = decodeURIComponent(match[1]!);
      connectionId = match[2] === undefined ? null : decodeURIComponent(match[2]);
    } catch {
      return false; // a malformed escape: the app's own 400/404 handling
    }
    void this.serve(req, res, url, provider, connectionId);
    return true;
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    url: string,
    provider: string,
    connectionId: string | null,
  ): Promise<void> {
    const started = performance.now();
    const end = this.deps.histogram?.startTimer();
    const requestId = requestIdFor(req);
    try {
      const body = await readBody(req, this.limit);
      const answer = await this.deps.inbox.receive(
        provider,
        connectionId === null ? null : UUID.test(connectionId) ? connectionId : NO_CONNECTION,
        { method: req.method!, path: url, headers: headersOf(req), body, receivedAt: new Date() },
      );
      if (answer.status === 200) {
        this.send(res, 200, 'application/json; charset=utf-8', JSON.stringify(answer.body), requestId);
      } else {
        const type =
          answer.status === 404
            ? PROBLEM_TYPES.notFound
            : answer.status === 401
              ? PROBLEM_TYPES.unauthenticated
              : PROBLEM_TYPES.validation;
        this.problem(res, url, requestId, answer.status, type, 'Webhook refused', answer.reason);
      }
    } catch (error) {
      if (error instanceof BodyProblem) {
        this.problem(res, url, requestId, error.status, error.problemType, error.title, error.detail, true);
      } else if (req.destroyed && !req.complete) {
        // The sender went away mid-body: nothing to answer, nothing stored.
        res.destroy();
      } else {
        this.deps.logger.error(
          { err: error, req: { id: requestId, method: req.method, url: redactUrl(url) } },
          'webhook request failed',
        );
        this.problem(
          res,
          url,
          requestId,
          500,
          PROBLEM_TYPES.internal,
          'Internal error',
          'The request could not be completed; the error was logged with its request id.',
        );
      }
    } finally {
      end?.({
        method: 'POST',
        route: connectionId === null ? '/v1/webhooks/:provider' : '/v1/webhooks/:provider/:connectionId',
        status_code: String(res.statusCode),
      });
      if (this.deps.logger.logger.isLevelEnabled('debug')) {
        this.deps.logger.debug(
          {
            req: { id: requestId, method: req.method, url: redactUrl(url) },
            res: { statusCode: res.statusCode },
            responseTime: Math.round(performance.now() - started),
          },
          'request completed',
        );
      }
    }
  }

  private send(
    res: ServerResponse,
    status: number,
    contentType: string,
    payload: string,
    requestId: string,
    extra: Record<string, string> = {},
  ): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(payload),
      'X-Request-Id': requestId,
      ...extra,
    });
    res.end(payload);
  }

  /** The same problem document the app's ProblemDetailsFilter writes. */
  private problem(
    res: ServerResponse,
    url: string,
    requestId: string,
    status: number,
    type: ProblemType,
    title: string,
    detail: string,
    closeConnection = false,
  ): void {
    const body: ProblemDetails = {
      type: `${PROBLEM_TYPE_BASE}${type}`,
      title,
      status,
      detail,
      instance: url.split('?')[0],
      requestId,
    };
    const extra: Record<string, string> = {};
    if (status === 401) extra['WWW-Authenticate'] = 'Bearer realm="leadflow"';
    // The rest of an oversized body is not read: the connection cannot carry another request.
    if (closeConnection) extra['Connection'] = 'close';
    this.send(res, status, 'application/problem+json; charset=utf-8', JSON.stringify(body), requestId, extra);
  }
}

/**
 * Puts the webhook receiver in front of the app on its HTTP server: webhook deliveries go to the
 * plain handler, every other request to Express and Nest as before.
 */
export async function installWebhookReceiver(app: INestApplication): Promise<void> {
  const logger = await app.resolve(PinoLogger);
  logger.setContext('WebhookReceiver');
  const handler = new WebhookHttpHandler({
    inbox: app.get(WebhookInboxService),
    histogram: app.get<symbol, Histogram<'method' | 'route' | 'status_code'>>(HTTP_HISTOGRAM, {
      strict: false,
    }),
    logger,
  });
  const server = app.getHttpServer() as Server;
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (handler.handle(req, res)) return;
    for (const listener of listeners) listener.call(server, req, res);
  });
}
