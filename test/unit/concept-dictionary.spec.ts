import { mentionsInBody } from '../../src/vault/parse/body-mentions';
import { parseNote } from '../../src/vault/parse-note';
import { mergeDictionary, parseConceptDictionary } from '../../src/vault/parse/concept-dictionary';
import { buildConceptMatcher } from '../../src/vault/parse/concepts';

describe('parseConceptDictionary', () => {
  it('reads a mapping of names to aliases in every written form', () => {
    const { entries, diagnostics } = parseConceptDictionary(
      'concepts.yml',
      'gateway: [gateways, ingress gateway, " egress   gateway ", Gateway]\nsidecar: []\nEnvoy:\nmTLS: mutual TLS\n2048: []\n',
    );
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      { name: '2048', aliases: [] }, // YAML orders integer-like keys first
      { name: 'gateway', aliases: ['gateways', 'ingress gateway', 'egress gateway'] },
      { name: 'sidecar', aliases: [] },
      { name: 'Envoy', aliases: [] },
      { name: 'mTLS', aliases: ['mutual TLS'] },
    ]);
  });

  it('reads a list of names and one-key mappings', () => {
    const { entries } = parseConceptDictionary('concepts.yml', '- SPIFFE\n- xDS: [discovery service]\n');
    expect(entries).toEqual([
      { name: 'SPIFFE', aliases: [] },
      { name: 'xDS', aliases: ['discovery service'] },
    ]);
  });

  it('reads the reserved `ignore` key as names to drop, not as a concept', () => {
    const parsed = parseConceptDictionary('concepts.yml', 'sidecar: []\nignore: [framework, " service  mesh solve "]\n');
    expect(parsed).toEqual({ entries: [{ name: 'sidecar', aliases: [] }], ignored: ['framework', 'service mesh solve'], diagnostics: [] });
    expect(parseConceptDictionary('concepts.yml', '- ignore: global\n- xDS\n').ignored).toEqual(['global']);
    expect(parseConceptDictionary('concepts.yml', 'ignore: [{a: b}]\n').diagnostics).toHaveLength(1);
  });

  it('accepts an empty file and reports bad YAML or shapes, keeping the good entries', () => {
    expect(parseConceptDictionary('concepts.yml', '# nothing yet\n')).toEqual({ entries: [], ignored: [], diagnostics: [] });
    const broken = parseConceptDictionary('concepts.yml', 'a: b\ngateway: [oops\n');
    expect(broken.entries).toEqual([]);
    expect(broken.diagnostics).toEqual([expect.objectContaining({ code: 'CONFIG_ERROR', file: 'concepts.yml' })]);
    const shapes = parseConceptDictionary('concepts.yml', 'good: []\nbad: {nested: map}\n');
    expect(shapes.entries).toEqual([{ name: 'good', aliases: [] }]);
    expect(shapes.diagnostics).toHaveLength(1);
    expect(parseConceptDictionary('concepts.yml', 'just text').diagnostics).toHaveLength(1);
  });
});

describe('mergeDictionary', () => {
  it('keeps one entry per key, the first name, and every alias; drops one-letter keys', () => {
    const merged = mergeDictionary([
      [{ name: 'Gateway', aliases: ['ingress gateway'] }],
      [
        { name: 'gateways', aliases: ['egress gateway', 'Ingress Gateway'] },
        { name: 'C', aliases: [] },
      ],
    ]);
    expect([...merged.entries()]).toEqual([['gateway', { name: 'Gateway', aliases: ['ingress gateway', 'gateways', 'egress gateway'] }]]);
  });

  it('returns entries in key order, whatever the order they were written in', () => {
    const entries = [
      { name: 'beta', aliases: ['shared'] },
      { name: 'Alpha', aliases: ['shared'] },
      { name: 'gamma', aliases: [] },
    ];
    expect([...mergeDictionary([entries]).keys()]).toEqual(['alpha', 'beta', 'gamma']);
    expect([...mergeDictionary([[...entries].reverse()]).keys()]).toEqual(['alpha', 'beta', 'gamma']);
  });
});

describe('mentionsInBody', () => {
  it('matches a stored body in file lines, with its stored sections', () => {
    const matcher = buildConceptMatcher([{ key: 'gateway', names: ['gateway', 'in/egress gateway'] }]);
    const text = '---\nid: x\ntitle: X\n---\n\nintro gateways\n\n## Mesh\n\nthe in/egress gateway, `gateway` in code\n';
    const doc = parseNote({ file: 'x.md', fname: 'x', text });
    expect(mentionsInBody(matcher, doc.body, doc.bodyLine, doc.sections)).toEqual([
      { key: 'gateway', line: 6, section: null },
      { key: 'gateway', line: 10, section: 0 },
    ]);
  });
});
