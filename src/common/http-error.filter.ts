import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clip, codeOfStatus, httpStatusOf, INTERNAL_ERROR, internalErrorMessage } from './error-policy';
import { DomainError } from './errors';
import { currentRequestId } from './request-scope';

/**
 * Errors on the plain HTTP routes (burndown SVG, IDE assets, unknown paths): a status and
 * `{ error: { code, message } }`, the same policy as GraphQL (error-policy.ts). GraphQL requests are left to
 * graphqlErrorFormatter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly debug: boolean) {}

  catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') {
      return error;
    }
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const { status, code, message } = this.describe(error);
    if (res.headersSent) {
      res.end();
      return undefined;
    }
    const extra = code === INTERNAL_ERROR ? { requestId: currentRequestId() } : {};
    // A body the GraphQL endpoint could not read (not JSON, too large) is answered as GraphQL clients expect.
    const body = /^\/graphql(?:[/?]|$)/.test(http.getRequest<Request>().originalUrl ?? '')
      ? { errors: [{ message, extensions: { code, ...extra } }] }
      : { error: { code, message, ...extra } };
    // A route may have declared another type (e.g. image/svg+xml) before failing.
    res.status(status).type('application/json').json(body);
    return undefined;
  }

  private describe(error: unknown): { status: number; code: string; message: string } {
    if (error instanceof DomainError) {
      return { status: httpStatusOf(error.code), code: error.code, message: clip(error.message) };
    }
    // Nest's exceptions (unknown route: 404) and body-parser's (bad JSON: 400, too large: 413) carry a status.
    const status = error instanceof HttpException ? error.getStatus() : (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = error instanceof HttpException ? error.message : 'the request could not be read';
      return { status, code: codeOfStatus(status), message: clip(message) };
    }
    const requestId = currentRequestId();
    this.logger.error(`request ${requestId ?? '-'}: ${(error as Error)?.stack ?? String(error)}`);
    return { status: 500, code: INTERNAL_ERROR, message: this.debug ? String((error as Error)?.message) : internalErrorMessage(requestId) };
  }
}
