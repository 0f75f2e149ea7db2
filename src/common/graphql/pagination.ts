import { Field, ObjectType } from '@nestjs/graphql';
import { DomainError, ErrorCode } from '../errors';

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
  throw new DomainError(ErrorCode.BadInput, `invalid cursor: ${cursor}`);
}
