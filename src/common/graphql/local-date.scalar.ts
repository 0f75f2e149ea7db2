import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(value: unknown): string {
  if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
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
