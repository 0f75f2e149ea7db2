import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api';
import { Section, Status, graphNodeHref, noteHref } from '../ui';
import { useQuery } from '../use-query';

interface NoteRef {
  fname: string;
  title: string;
  stub: boolean;
}

interface NoteData {
  note:
    | (NoteRef & {
        id: string;
        vault: string;
        tags: string[];
        html: string;
        parent: (NoteRef & { parent: (NoteRef & { parent: NoteRef | null }) | null }) | null;
        children: NoteRef[];
        sections: { heading: string; slug: string; depth: number }[];
        backlinks: { line: number; source: NoteRef; section: { heading: string; slug: string } | null }[];
        milestones: { id: string; date: string; done: boolean; target: string | null; label: string | null; overdue: boolean }[];
      })
    | null;
}

const NOTE = `query Note($fname: String!, $vault: String) {
  note(fname: $fname, vault: $vault) {
    id fname title vault tags stub html
    parent { fname title stub parent { fname title stub parent { fname title stub } } }
    children { fname title stub }
    sections { heading slug depth }
    backlinks { line source { fname title stub } section { heading slug } }
    milestones { id date done target label overdue }
  }
}`;

const CONCEPTS = `query NoteConcepts($note: String!) { graph(from: $note, depth: 1, kinds: [mention], maxNodes: 200) { nodes { id kind label } } }`;

/** Ancestors from the top: up to three levels are fetched, which covers the breadcrumbs of most Dendron vaults. */
function ancestors(note: NonNullable<NoteData['note']>): NoteRef[] {
  const out: NoteRef[] = [];
  for (let p: (NoteRef & { parent?: unknown }) | null = note.parent; p; p = (p.parent as typeof p) ?? null) {
    out.unshift(p);
  }
  return out;
}

export function NotePage({ fname, vault }: { fname: string; vault: string | null }) {
  const q = useQuery<NoteData>(NOTE, { fname, vault });
  const note = q.data?.note ?? null;
  const concepts = useQuery<{ graph: { nodes: { id: string; kind: string; label: string }[] } }>(CONCEPTS, {
    note: fname,
  });
  // A link to a heading (`/notes/x#slug`) scrolls there once the body is on the page.
  useEffect(() => {
    if (note && location.hash) {
      document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    }
  }, [note?.id]);
  if (!q.data) {
    return <Status loading={q.loading} error={q.error} empty />;
  }
  if (!note) {
    return <Missing name={fname} />;
  }
  const mentioned = concepts.data?.graph.nodes.filter((n) => n.kind === 'concept') ?? [];
  return (
    <article class="note" data-note-id={note.id}>
      <nav aria-label="Breadcrumbs" class="breadcrumbs">
        <ol>
          {ancestors(note).map((a) => (
            <li key={a.fname}>{a.stub ? <span>{a.title}</span> : <a href={noteHref(a.fname)}>{a.title}</a>}</li>
          ))}
          <li aria-current="page">{note.title}</li>
        </ol>
      </nav>
      <h1>{note.title}</h1>
      <p class="meta">
        {note.fname} · vault {note.vault}
        {note.tags.length > 0 && (
          <>
            {' '}
            · tags{' '}
            {note.tags.map((t) => (
              <a key={t} href={noteHref(`tags.${t}`)}>
                #{t}{' '}
              </a>
            ))}
          </>
        )}{' '}
        · <a href={`/graph?from=${encodeURIComponent(note.fname)}&depth=1`}>graph</a>
      </p>
      {q.error && <Status loading={false} error={q.error} />}
      <div class="note-layout">
        <div
          class="body markdown"
          dangerouslySetInnerHTML={{ __html: note.stub ? '<p>A stub: this hierarchy level has no file.</p>' : note.html }}
        />
        <aside class="side">
          {note.sections.length > 0 && (
            <nav aria-labelledby="toc-h" class="panel toc">
              <h2 id="toc-h">Contents</h2>
              <ul>
                {note.sections.map((s) => (
                  <li key={s.slug} class={`depth-${s.depth}`}>
                    <a href={`#${s.slug}`}>{s.heading}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <Section title="Backlinks" id="backlinks">
            {note.backlinks.length === 0 ? (
              <p>No note links here.</p>
            ) : (
              <ul class="backlinks">
                {note.backlinks.map((b, i) => (
                  <li key={i}>
                    <a href={noteHref(b.source.fname, b.section?.slug)}>{b.source.title}</a>{' '}
                    <span class="muted">
                      line {b.line}
                      {b.section ? `, ${b.section.heading}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {note.children.length > 0 && (
            <Section title="Children" id="children">
              <ul>
                {note.children.map((c) => (
                  <li key={c.fname}>
                    <a href={noteHref(c.fname)}>{c.title}</a>
                    {c.stub ? ' (stub)' : ''}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title="Concepts mentioned" id="concepts">
            {mentioned.length === 0 ? (
              <p>{concepts.loading ? 'Loading…' : 'None.'}</p>
            ) : (
              <ul class="chips">
                {mentioned.map((c) => (
                  <li key={c.id}>
                    <a href={graphNodeHref(c.id, c.kind)}>{c.label}</a>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {note.milestones.length > 0 && (
            <Section title="Milestones" id="milestones">
              <ul>
                {note.milestones.map((m) => (
                  <li key={m.id}>
                    {m.done ? '☑' : '☐'} {m.date} {m.target ?? m.label}
                    {m.overdue ? ' (overdue)' : ''}
                  </li>
                ))}
              </ul>
            </Section>
          )}
        </aside>
      </div>
    </article>
  );
}

/** No note has that fname: it may be a note id (the graph links by id), else the name of a note that does not exist. */
function Missing({ name }: { name: string }) {
  const [looked, setLooked] = useState(false);
  useEffect(() => {
    gql<{ note: { fname: string; vault: string } | null }>('query ById($id: String!) { note(id: $id) { fname vault } }', { id: name }).then(
      (d) => {
        if (d.note) {
          location.replace(`${noteHref(d.note.fname)}?vault=${encodeURIComponent(d.note.vault)}${location.hash}`);
        } else {
          setLooked(true);
        }
      },
      () => setLooked(true),
    );
  }, [name]);
  return (
    <>
      <h1>{name}</h1>
      {looked && <p role="alert">There is no note named {name} (yet): a link to it is a broken link.</p>}
    </>
  );
}
