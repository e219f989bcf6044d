import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { isNotFoundError, MissingTenantScopeError } from '@leadflow/database';
import { ApiProblem, PROBLEM_TYPE_BASE, PROBLEM_TYPES, type ProblemDetails } from './problem';

/** Turns every error into RFC 9457 problem details; unexpected errors never leak their message. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(PinoLogger) private readonly logger: PinoLogger) {
    this.logger.setContext('ProblemDetailsFilter');
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    const body: ProblemDetails = {
      type: `${PROBLEM_TYPE_BASE}${problem.problemType}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: req.originalUrl?.split('?')[0],
      requestId: req.id ? String(req.id) : undefined,
      ...(problem.errors ? { errors: problem.errors } : {}),
    };
    if (problem.status >= 500) this.logger.error({ err: exception }, 'request failed');
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="leadflow"');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ApiProblem {
    if (exception instanceof ApiProblem) return exception;
    if (isNotFoundError(exception)) return ApiProblem.notFound('The resource');
    if (exception instanceof MissingTenantScopeError) {
      return new ApiProblem(
        500,
        PROBLEM_TYPES.internal,
        'Internal error',
        'The request could not be completed.',
      );
    }
    const bodyParserError = asBodyParserError(exception);
    if (bodyParserError) return bodyParserError;
    // Our code throws ApiProblem for bad input; a bare BadRequestException comes from Nest mapping
    // body-parser's JSON SyntaxError (or a malformed URI), whose message is safe to show.
    if (exception instanceof BadRequestException) {
      return new ApiProblem(400, PROBLEM_TYPES.malformedBody, 'Malformed request', exception.message, [
        { path: 'body', message: `is not valid JSON: ${exception.message}`, code: 'malformed_json' },
      ]);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const type =
        status === 404
          ? PROBLEM_TYPES.notFound
          : status === 413
            ? PROBLEM_TYPES.tooLarge
            : PROBLEM_TYPES.http;
      return new ApiProblem(
        status,
        type,
        exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
        exception.message,
      );
    }
    return new ApiProblem(
      500,
      PROBLEM_TYPES.internal,
      'Internal error',
      'The request could not be completed; the error was logged with its request id.',
    );
  }
}

/** Express' body parser reports malformed JSON and oversized bodies as errors with a `type`. */
function asBodyParserError(exception: unknown): ApiProblem | undefined {
  if (typeof exception !== 'object' || exception === null || !('type' in exception)) return undefined;
  const type = exception.type;
  if (type === 'entity.parse.failed') {
    return new ApiProblem(
      400,
      PROBLEM_TYPES.malformedBody,
      'Malformed body',
      'The request body is not valid JSON.',
      [{ path: 'body', message: 'is not valid JSON', code: 'malformed_json' }],
    );
  }
  if (type === 'entity.too.large') {
    return new ApiProblem(
      413,
      PROBLEM_TYPES.tooLarge,
      'Payload too large',
      'The request body is larger than this endpoint accepts.',
    );
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiProblem(
      415,
      PROBLEM_TYPES.malformedBody,
      'Unsupported encoding',
      'The request body encoding is not supported.',
    );
  }
  return undefined;
}
