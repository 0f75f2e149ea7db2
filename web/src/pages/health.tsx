import { useState } from 'preact/hooks';
import { batchQuery } from '../api';
import { Section, Status, noteHref } from '../ui';
import { useQuery } from '../use-query';

interface NoteRef {
  id: string;
  fname: string;
  title: string;
}

interface Page<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: N }[];
}

interface BrokenLink {
  line: number;
  targetFname: string | null;
  kind: string;
  source: NoteRef;
}

interface Diagnostic {
  vault: string;
  file: string;
  line: number | null;
  code: string;
  severity: string;
  message: string;
}

interface Mention {
  line: number;
  snippet: string;
  note: NoteRef;
}

const BROKEN_PAGE = 50;
const ORPHAN_PAGE = 25;
/** Orphans whose unlinked mentions one request asks for (each is a full-text search and a scan of its candidates). */
const MENTION_BATCH = 5;
/** Mentions shown per orphan at first; "show all" asks for up to the API's 200. */
const MENTIONS_SHOWN = 20;
const MENTIONS_MAX = 200;

const BROKEN = `query BrokenLinks($after: String) {
  brokenLinks(first: ${BROKEN_PAGE}, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { line targetFname kind source { id fname title } } } }
}`;
const ORPHANS = `query Orphans($after: String) {
  orphans(first: ${ORPHAN_PAGE}, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id fname title } } }
}`;
const DIAGNOSTICS = `query Diagnostics { diagnostics(first: 500) { vault file line code severity message } }`;

/** The unlinked mentions of each orphan (ids), up to `first` each, in one query (batchQuery: `m<i>` per orphan). */
function mentionsQuery(ids: string[], first: number) {
  return batchQuery(
    'UnlinkedMentions',
    ids,
    (id) => `unlinkedMentions(note: ${id}, first: ${first}) { line snippet note { id fname title } }`,
  );
}

/** Cursor pages: the `after` of each page seen, so Previous goes back the way it came. */
function usePages() {
  const [afters, setAfters] = useState<(string | null)[]>([null]);
  return {
    after: afters[afters.length - 1],
    index: afters.length - 1,
    next: (cursor: string | null) => cursor !== null && setAfters((a) => [...a, cursor]),
    previous: () => setAfters((a) => (a.length > 1 ? a.slice(0, -1) : a)),
  };
}

function Pager({ label, pages, size, page }: { label: string; pages: ReturnType<typeof usePages>; size: number; page: Page<unknown> }) {
  const from = pages.index * size + 1;
  const to = pages.index * size + page.edges.length;
  if (page.totalCount <= size && pages.index === 0) {
    return null;
  }
  return (
    <nav class="pager" aria-label={label}>
      <span aria-live="polite">
        {from}–{to} of {page.totalCount}
      </span>{' '}
      <button type="button" disabled={pages.index === 0} onClick={pages.previous}>
        Previous
      </button>{' '}
      <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => pages.next(page.pageInfo.endCursor)}>
        Next
      </button>
    </nav>
  );
}

export function HealthPage() {
  return (
    <>
      <h1>Health</h1>
      <BrokenLinks />
      <Orphans />
      <Diagnostics />
    </>
  );
}

function BrokenLinks() {
  const pages = usePages();
  const q = useQuery<{ brokenLinks: Page<BrokenLink> }>(BROKEN, { after: pages.after });
  const page = q.data?.brokenLinks;
  return (
    <Section title={`Broken links${page ? ` (${page.totalCount})` : ''}`} id="broken">
      <Status loading={q.loading} error={q.error} empty={!page} />
      {page && page.totalCount === 0 && <p>Every link resolves.</p>}
      {page && page.edges.length > 0 && (
        <>
          <table class="broken-links">
            <thead>
              <tr>
                <th scope="col">In note</th>
                <th scope="col">Line</th>
                <th scope="col">Links to</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node: l }, i) => (
                <tr key={i}>
                  <td>
                    <a href={noteHref(l.source.fname)}>{l.source.title}</a>
                  </td>
                  <td>{l.line}</td>
                  <td>
                    <code>{l.targetFname}</code> <span class="muted">({l.kind})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Pages of broken links" pages={pages} size={BROKEN_PAGE} page={page} />
        </>
      )}
    </Section>
  );
}

/** Orphans a page at a time, and for every orphan on the page the lines elsewhere that name it without a link. */
function Orphans() {
  const pages = usePages();
  const q = useQuery<{ orphans: Page<NoteRef> }>(ORPHANS, { after: pages.after });
  const page = q.data?.orphans;
  const orphans = page?.edges.map((e) => e.node) ?? [];
  const batches: NoteRef[][] = [];
  for (let i = 0; i < orphans.length; i += MENTION_BATCH) {
    batches.push(orphans.slice(i, i + MENTION_BATCH));
  }
  return (
    <>
      <Section title={`Orphans${page ? ` (${page.totalCount})` : ''}`} id="orphans">
        <Status loading={q.loading} error={q.error} empty={!page} />
        {page && page.totalCount === 0 && <p>Every note links or is linked.</p>}
        {orphans.length > 0 && (
          <>
            <ul class="chips">
              {orphans.map((n) => (
                <li key={n.id}>
                  <a href={noteHref(n.fname)}>{n.title}</a>
                </li>
              ))}
            </ul>
            <Pager label="Pages of orphans" pages={pages} size={ORPHAN_PAGE} page={page as Page<NoteRef>} />
          </>
        )}
      </Section>
      <Section title="Unlinked mentions" id="unlinked">
        <p class="muted">
          Lines in other notes that name an orphan of this page without linking to it; the orphans' pager above moves this list too.
        </p>
        {page && orphans.length === 0 && <p>No orphan, so nothing to look for.</p>}
        <ul class="unlinked">
          {batches.map((batch) => (
            <MentionBatch key={batch.map((n) => n.id).join(' ')} notes={batch} />
          ))}
        </ul>
      </Section>
    </>
  );
}

/** The unlinked mentions of a few orphans, one request; an orphan with more than MENTIONS_SHOWN can show them all. */
function MentionBatch({ notes }: { notes: NoteRef[] }) {
  const { query, variables } = mentionsQuery(
    notes.map((n) => n.id),
    MENTIONS_SHOWN + 1,
  );
  const q = useQuery<Record<string, Mention[]>>(query, variables);
  return (
    <>
      {notes.map((n, i) => (
        <li key={n.id} data-orphan={n.fname}>
          <a href={noteHref(n.fname)}>{n.title}</a>{' '}
          {q.error ? (
            <Status loading={false} error={q.error} />
          ) : !q.data ? (
            <span class="muted">looking…</span>
          ) : (
            <MentionList of={n} first={q.data[`m${i}`] ?? []} />
          )}
        </li>
      ))}
    </>
  );
}

const places = (n: number) => (n === 1 ? '1 place' : `${n} places`);

function MentionList({ of, first }: { of: NoteRef; first: Mention[] }) {
  const [all, setAll] = useState(false);
  const more = first.length > MENTIONS_SHOWN;
  if (all) {
    return <AllMentions of={of} />;
  }
  if (first.length === 0) {
    return <span class="muted">is named nowhere without a link.</span>;
  }
  return (
    <>
      <span class="muted">is named without a link in {more ? `more than ${MENTIONS_SHOWN} places` : places(first.length)}:</span>
      <Mentions rows={first.slice(0, MENTIONS_SHOWN)} />
      {more && (
        <button type="button" onClick={() => setAll(true)}>
          Show all (up to {MENTIONS_MAX})
        </button>
      )}
    </>
  );
}

function AllMentions({ of }: { of: NoteRef }) {
  const { query, variables } = mentionsQuery([of.id], MENTIONS_MAX);
  const q = useQuery<Record<string, Mention[]>>(query, variables);
  const rows = q.data?.m0 ?? [];
  return (
    <>
      <Status loading={q.loading} error={q.error} empty={!q.data} />
      {q.data && (
        <span class="muted">
          is named without a link in {places(rows.length)}
          {rows.length === MENTIONS_MAX ? ' (the first; the API gives at most that many)' : ''}:
        </span>
      )}
      <Mentions rows={rows} />
    </>
  );
}

function Mentions({ rows }: { rows: Mention[] }) {
  return (
    <ul>
      {rows.map((r, i) => (
        <li key={i}>
          <a href={noteHref(r.note.fname)}>{r.note.title}</a> <span class="muted">line {r.line}</span>: <q>{r.snippet}</q>
        </li>
      ))}
    </ul>
  );
}

function Diagnostics() {
  const q = useQuery<{ diagnostics: Diagnostic[] }>(DIAGNOSTICS, {});
  const list = q.data?.diagnostics;
  return (
    <Section title={`Diagnostics${list ? ` (${list.length === 500 ? 'the first 500' : list.length})` : ''}`} id="diagnostics">
      <Status loading={q.loading} error={q.error} empty={!list} />
      {list && list.length === 0 && <p>The last sync found no problem.</p>}
      {list && list.length > 0 && (
        <table class="diagnostics">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Line</th>
              <th scope="col">Code</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d, i) => (
              <tr key={i} class={d.severity}>
                <td>
                  {d.vault}/{d.file}
                </td>
                <td>{d.line ?? ''}</td>
                <td>
                  <code>{d.code}</code>
                </td>
                <td>{d.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
