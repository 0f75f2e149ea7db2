import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDay } from '../iso-day';

function check(value: unknown): string {
  if (isIsoDay(value)) {
    return value;
  }
  throw new GraphQLError(`Date must be YYYY-MM-DD, got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** A plain calendar date (`YYYY-MM-DD`), never shifted by a time zone. */
export const LocalDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: check,
  parseValue: check,
  parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
});
