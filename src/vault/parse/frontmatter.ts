import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../note-doc';

export interface Frontmatter {
  /** Parsed mapping, empty when missing or broken. */
  data: Record<string, unknown>;
  /** Whether a `---` block opened the file. */
  present: boolean;
  /** 1-based line of each top-level key, to point diagnostics and tag links at it. */
  keyLines: Map<string, number>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Split `---\nYAML\n---\nbody` and parse the YAML. Never throws: problems become diagnostics. */
export function parseFrontmatter(file: string, text: string): Frontmatter {
  const empty = (diagnostics: Diagnostic[] = []): Frontmatter => ({
    data: {},
    present: false,
    keyLines: new Map(),
    body: text,
    bodyLine: 1,
    diagnostics,
  });
  const open = OPEN.exec(text);
  if (!open) {
    return empty();
  }
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) {
    return empty([{ file, line: 1, code: 'YAML_ERROR', severity: 'error', message: 'frontmatter opened with --- but never closed' }]);
  }
  const yamlText = rest.slice(0, close.index);
  const body = rest.slice(close.index + close[0].length);
  const yamlLines = yamlText === '' ? 0 : yamlText.split('\n').length - (yamlText.endsWith('\n') ? 1 : 0);
  const bodyLine = 1 + 1 + yamlLines + 1;
  const result: Frontmatter = { data: {}, present: true, keyLines: new Map(), body, bodyLine, diagnostics: [] };

  const flat = flatMapping(yamlText);
  if (flat) {
    result.data = flat.data;
    result.keyLines = flat.keyLines;
    return result;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = lineCounter.linePos(err.pos[0]);
    result.diagnostics.push({
      file,
      // yaml reports unclosed structures at the end of input: point at the last YAML line, not at `---`.
      line: Math.min(1 + pos.line, bodyLine - 2),
      code: 'YAML_ERROR',
      severity: 'error',
      message: `frontmatter is not valid YAML: ${firstLine(err.message)}`,
    });
    return result;
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) {
    return result;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    result.diagnostics.push({ file, line: 2, code: 'YAML_ERROR', severity: 'error', message: 'frontmatter is not a YAML mapping' });
    return result;
  }
  result.data = value as Record<string, unknown>;
  const contents = doc.contents;
  if (contents && 'items' in contents && Array.isArray(contents.items)) {
    for (const item of contents.items as unknown[]) {
      const key = (item as { key?: { value?: unknown; range?: [number, number, number] } }).key;
      if (key && typeof key.value === 'string' && key.range) {
        result.keyLines.set(key.value, 1 + lineCounter.linePos(key.range[0]).line);
      }
    }
  }
  return result;
}

// One `key: value` line whose value reads the same under any YAML schema: a plain word run starting with a letter,
// a quoted string with nothing to unescape, or a small decimal integer. Anything else takes the \`yaml\` parser.
const FLAT_LINE = /^([A-Za-z][\w-]*): (?:([A-Za-z][\w .,/()-]*[\w.)]|[A-Za-z])|'([^'\n]*)'|"([^"\\\n]*)"|(0|[1-9]\d{0,14}))$/;
// Plain words some YAML schemas read as booleans or null.
const NOT_A_STRING = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/**
 * Dendron writes flat frontmatter (`id`, `title`, `desc`, `created`, `updated`): read it without the \`yaml\` parser
 * (about a tenth of a sync's parse time), giving exactly what the parser would; null for anything less plain.
 */
function flatMapping(yamlText: string): { data: Record<string, unknown>; keyLines: Map<string, number> } | null {
  if (yamlText === '' || yamlText.includes('\r')) {
    return null;
  }
  const lines = yamlText.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const m = FLAT_LINE.exec(lines[i]);
    if (!m || keyLines.has(m[1])) {
      return null;
    }
    const [, key, plain, single, double, int] = m;
    if (plain !== undefined && NOT_A_STRING.test(plain)) {
      return null;
    }
    data[key] = int !== undefined ? Number(int) : (plain ?? single ?? double);
    keyLines.set(key, i + 2);
  }
  return { data, keyLines };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
