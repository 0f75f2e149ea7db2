import type { RequestHandler } from 'express';

/**
 * Braces one GraphQL document may nest. graphql-js parses, validates (OverlappingFieldsCanBeMerged) and executes
 * (collectFields) inline fragments recursively, so a document nested ~1,500 levels deep overflows the stack in one of
 * them, and Apollo answers 500. Field depth is limited separately (MAX_QUERY_DEPTH); this bound is far above it.
 */
export const MAX_DOCUMENT_NESTING = 100;

/**
 * The deepest `{` nesting of a GraphQL document: one pass over the text, skipping strings, block strings and
 * comments (a `{` in `"…{…"` does not count). No recursion, so no document can overflow it.
 */
export function documentNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < source.length && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) {
        i++;
      }
    } else if (c === 0x22 /* " */) {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end < 0 ? source.length : end + 2;
      } else {
        for (i++; i < source.length && source.charCodeAt(i) !== 0x22 && source.charCodeAt(i) !== 0x0a; i++) {
          if (source.charCodeAt(i) === 0x5c /* \ */) {
            i++;
          }
        }
      }
    } else if (c === 0x7b /* { */) {
      depth++;
      deepest = Math.max(deepest, depth);
    } else if (c === 0x7d /* } */) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Refuse, before Apollo parses it, a document nested deeper than `max`: a 400 in GraphQL shape (GRAPHQL_PARSE_FAILED),
 * for POST bodies (one operation or a batch) and GET query strings.
 */
export function documentNestingGuard(max: number): RequestHandler {
  const tooDeep = (query: unknown) => typeof query === 'string' && documentNesting(query) > max;
  return (req, res, next) => {
    const body: unknown = req.body;
    const posted = Array.isArray(body) ? body : [body];
    const documents = [...posted.map((b) => (b as { query?: unknown } | null)?.query), req.query?.query];
    if (documents.some(tooDeep)) {
      res.status(400).json({
        errors: [{ message: `the document nests selections more than ${max} levels deep`, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
      });
      return;
    }
    next();
  };
}
