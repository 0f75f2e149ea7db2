#!/usr/bin/env node
/**
 * Parses a Mermaid flowchart from stdin with Mermaid's own parser and prints what it understood as JSON:
 * `{ vertices: [{ id, text, type }], edges: [{ start, end, type, stroke, text }] }`, or exits 1 with the error.
 *
 * A separate process because mermaid is ESM-only (Jest's runtime cannot load it; Node can). Mermaid needs no DOM
 * to parse, but its flowchart database passes every label through DOMPurify, which only works with a window: a
 * loader hook swaps in a pass-through sanitizer, which changes nothing about the syntax being checked.
 */
'use strict';

const { register } = require('node:module');

const purify =
  'export default { sanitize: (s) => s, addHook() {}, removeHook() {}, removeHooks() {}, removeAllHooks() {}, isSupported: true };';
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'dompurify') {
    return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(purify)}), shortCircuit: true };
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const { default: mermaid } = await import('mermaid');
  await mermaid.parse(text); // throws on a syntax error (and registers the diagram types)
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const vertices = [...diagram.db.getVertices().values()].map((v) => ({ id: v.id, text: v.text, type: v.type }));
  const edges = diagram.db.getEdges().map((e) => ({ start: e.start, end: e.end, type: e.type, stroke: e.stroke, text: e.text }));
  process.stdout.write(JSON.stringify({ type: diagram.type, vertices, edges }));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
