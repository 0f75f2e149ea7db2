import { Section, Status, noteHref } from '../ui';
import { useQuery } from '../use-query';

interface NoteRef {
  id: string;
  fname: string;
  title: string;
}

interface HealthData {
  brokenLinks: { totalCount: number; edges: { node: { line: number; targetFname: string | null; kind: string; source: NoteRef } }[] };
  orphans: { totalCount: number; edges: { node: NoteRef }[] };
  diagnostics: { vault: string; file: string; line: number | null; code: string; severity: string; message: string }[];
}

interface MentionsData {
  [alias: string]: { line: number; snippet: string; note: NoteRef }[];
}

const HEALTH = `query Health {
  brokenLinks(first: 100) { totalCount edges { node { line targetFname kind source { id fname title } } } }
  orphans(first: 100) { totalCount edges { node { id fname title } } }
  diagnostics(first: 500) { vault file line code severity message }
}`;

/** Unlinked mentions are asked per note: of the first orphans, the notes most in need of a link. */
const MENTION_NOTES = 5;

function mentionsQuery(notes: NoteRef[]): string {
  const fields = notes.map(
    (n, i) => `m${i}: unlinkedMentions(note: ${JSON.stringify(n.id)}, first: 20) { line snippet note { id fname title } }`,
  );
  return `query UnlinkedMentions { ${fields.join('\n')} }`;
}

export function HealthPage() {
  const q = useQuery<HealthData>(HEALTH, {});
  const orphans = q.data?.orphans.edges.map((e) => e.node) ?? [];
  return (
    <>
      <h1>Health</h1>
      <Status loading={q.loading} error={q.error} empty={!q.data} />
      {q.data && (
        <>
          <Section title={`Broken links (${q.data.brokenLinks.totalCount})`} id="broken">
            {q.data.brokenLinks.totalCount === 0 ? (
              <p>Every link resolves.</p>
            ) : (
              <table class="broken-links">
                <thead>
                  <tr>
                    <th scope="col">In note</th>
                    <th scope="col">Line</th>
                    <th scope="col">Links to</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.brokenLinks.edges.map(({ node: l }, i) => (
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
            )}
          </Section>
          <Section title={`Orphans (${q.data.orphans.totalCount})`} id="orphans">
            {orphans.length === 0 ? (
              <p>Every note links or is linked.</p>
            ) : (
              <ul class="chips">
                {orphans.map((n) => (
                  <li key={n.id}>
                    <a href={noteHref(n.fname)}>{n.title}</a>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <UnlinkedMentions notes={orphans.slice(0, MENTION_NOTES)} />
          <Section title={`Diagnostics (${q.data.diagnostics.length})`} id="diagnostics">
            {q.data.diagnostics.length === 0 ? (
              <p>The last sync found no problem.</p>
            ) : (
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
                  {q.data.diagnostics.map((d, i) => (
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
        </>
      )}
    </>
  );
}

function UnlinkedMentions({ notes }: { notes: NoteRef[] }) {
  const q = useQuery<MentionsData>(notes.length > 0 ? mentionsQuery(notes) : '{ __typename }', {});
  const rows = notes.flatMap((n, i) => (q.data?.[`m${i}`] ?? []).map((m) => ({ of: n, ...m })));
  return (
    <Section title="Unlinked mentions" id="unlinked">
      <p class="muted">Lines that name one of the orphans above without linking to it.</p>
      <Status loading={q.loading} error={q.error} empty={!q.data} />
      {q.data && rows.length === 0 && <p>None found.</p>}
      <ul>
        {rows.map((r, i) => (
          <li key={i}>
            <a href={noteHref(r.note.fname)}>{r.note.title}</a> <span class="muted">line {r.line}</span> names{' '}
            <a href={noteHref(r.of.fname)}>{r.of.title}</a>: <q>{r.snippet}</q>
          </li>
        ))}
      </ul>
    </Section>
  );
}
