/**
 * The cost model of the complexity limit (limits.ts): what a field costs before it runs, so the work of a request is
 * bounded by what it asks for, not by how it is spelled. A field costs 1 plus its selection; a list multiplies its
 * selection by its size bound (`first`, or ASSUMED_LIST_SIZE when the data decides); expensive fields add a weight
 * of their own. The figures are in README "Limits".
 */
export type Cost = (options: { args: Record<string, unknown>; childComplexity: number }) => number;

/** A list whose length the data decides (backlinks, sections, mentions…) counts as this many items. */
export const ASSUMED_LIST_SIZE = 10;

/** A list whose length the data decides. */
export const listCost: Cost = ({ childComplexity }) => 1 + ASSUMED_LIST_SIZE * childComplexity;

/** A list of at most `first` items (a page, a search, `related`). */
export const firstCost: Cost = ({ args, childComplexity }) => 1 + sizeArg(args.first) * childComplexity;

/** Work worth `weight` whatever is selected, plus `then` (default: the selection once). */
export function weighted(weight: number | ((args: Record<string, unknown>) => number), then?: Cost): Cost {
  return (options) => (typeof weight === 'number' ? weight : weight(options.args)) + (then ? then(options) : options.childComplexity);
}

function sizeArg(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
