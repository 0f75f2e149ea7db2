import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { DomainError, ErrorCode, quoteInput } from '../errors';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Opaque cursors: base64url JSON of the sort key, so clients cannot depend on their shape. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) {
      return value;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError(ErrorCode.BadInput, `invalid cursor: ${quoteInput(cursor)}`);
}

/** A cursor of two strings, as `(fname, id)`. */
export const isStringPair = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

/**
 * A connection page from `rows` read with `first + 1`: the extra row only says that there is a next page. Each edge's
 * cursor is the encoded `cursorKey` of its row.
 */
export function toConnection<R, N>(
  rows: readonly R[],
  first: number,
  totalCount: number,
  cursorKey: (row: R) => unknown,
  node: (row: R) => N,
): { edges: { cursor: string; node: N }[]; pageInfo: PageInfo; totalCount: number } {
  const edges = rows.slice(0, first).map((r) => ({ cursor: encodeCursor(cursorKey(r)), node: node(r) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** `first` / `after` of every cursor-paginated list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'page size, 1 to 100' })
  @Min(1)
  @Max(100)
  first: number = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  after?: string | null;
}
