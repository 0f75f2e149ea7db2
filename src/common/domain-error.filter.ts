import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from './errors';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadInput]: 400,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.SyncRunning]: 503,
  [ErrorCode.VaultNotFound]: 404,
};

/**
 * Domain errors on plain HTTP routes (e.g. the burndown SVG) become a status and a JSON body. GraphQL requests
 * are left to formatGraphqlError, the one place that maps them to GraphQL error codes.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): DomainError | void {
    if (host.getType<string>() === 'graphql') {
      return error;
    }
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HTTP_STATUS[error.code])
      .type('application/json') // a route may have declared another type (e.g. image/svg+xml) before failing
      .json({ error: { code: error.code, message: error.message } });
  }
}
