import { Section, Status, conceptHref, noteHref } from '../ui';
import { useQuery } from '../use-query';

interface ConceptData {
  concept: {
    key: string;
    name: string;
    kind: string;
    aliases: string[];
    url: string | null;
    mentions: { line: number; note: { fname: string; title: string }; section: { heading: string; slug: string } | null }[];
    related: { weight: number; concept: { key: string; name: string } }[];
    notes: { fname: string; title: string }[];
  } | null;
}

const CONCEPT = `query Concept($name: String!) {
  concept(name: $name) {
    key name kind aliases url
    mentions { line note { fname title } section { heading slug } }
    related(first: 30) { weight concept { key name } }
    notes { fname title }
  }
}`;

export function ConceptPage({ name }: { name: string }) {
  const q = useQuery<ConceptData>(CONCEPT, { name });
  if (!q.data) {
    return <Status loading={q.loading} error={q.error} empty />;
  }
  const c = q.data.concept;
  if (!c) {
    return (
      <>
        <h1>{name}</h1>
        <p role="alert">No concept is named {name}.</p>
      </>
    );
  }
  return (
    <article class="concept">
      <h1>{c.name}</h1>
      <p class="meta">
        concept ({c.kind}){c.aliases.length > 0 && <> · also {c.aliases.join(', ')}</>}
        {c.url && (
          <>
            {' '}
            ·{' '}
            <a href={c.url} rel="noopener noreferrer">
              {c.url}
            </a>
          </>
        )}{' '}
        · <a href={`/graph?from=${encodeURIComponent(`concept:${c.key}`)}&depth=1`}>graph</a>
      </p>
      <div class="columns">
        <Section title={`Mentions (${c.mentions.length})`} id="mentions">
          <ul>
            {c.mentions.map((m, i) => (
              <li key={i}>
                <a href={noteHref(m.note.fname, m.section?.slug)}>{m.note.title}</a>{' '}
                <span class="muted">
                  line {m.line}
                  {m.section ? `, ${m.section.heading}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Related concepts" id="related">
          {c.related.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {c.related.map((r) => (
                <li key={r.concept.key}>
                  <a href={conceptHref(r.concept.key)}>{r.concept.name}</a> <span class="muted">weight {r.weight}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Notes" id="notes">
          <ul>
            {c.notes.map((n) => (
              <li key={n.fname}>
                <a href={noteHref(n.fname)}>{n.title}</a>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </article>
  );
}
