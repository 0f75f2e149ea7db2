import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../app-config';
import { DomainError, ErrorCode } from '../errors';
import type { GqlContext } from './gql-context';

/** When VAULTGRAPH_TOKEN is set, every mutation needs `Authorization: Bearer <token>`. Queries stay open. */
@Injectable()
export class MutationTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql' || this.config.apiToken === null) {
      return true;
    }
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<{ operation: { operation: string } }>().operation.operation !== 'mutation') {
      return true;
    }
    const header = gql.getContext<GqlContext>().req.headers.authorization ?? '';
    // The scheme is required: a bare `Authorization: <token>` is refused like a wrong token.
    const given = Buffer.from(/^Bearer +(\S+) *$/i.exec(header)?.[1] ?? '');
    const wanted = Buffer.from(this.config.apiToken);
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) {
      return true;
    }
    throw new DomainError(ErrorCode.Unauthenticated, 'mutations need `Authorization: Bearer <VAULTGRAPH_TOKEN>`');
  }
}
