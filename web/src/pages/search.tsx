import { Status, noteHref } from '../ui';
import { useQuery } from '../use-query';

interface SearchData {
  search: { snippet: string; note: { fname: string; title: string }; section: { heading: string; slug: string } | null }[];
}

const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 50) { snippet note { fname title } section { heading slug } }
}`;

export function SearchPage({ query }: { query: string }) {
  const trimmed = query.trim();
  return (
    <>
      <h1>Search</h1>
      {trimmed === '' ? <p>Type words in the search box at the top of the page.</p> : <Results query={trimmed} />}
    </>
  );
}

function Results({ query }: { query: string }) {
  const q = useQuery<SearchData>(SEARCH, { query });
  return (
    <>
      <Status loading={q.loading} error={q.error} empty={!q.data} />
      {q.data && (
        <p aria-live="polite">
          {q.data.search.length === 0 ? `Nothing matches “${query}”.` : `${q.data.search.length} hits for “${query}”, best first.`}
        </p>
      )}
      <ol class="hits">
        {q.data?.search.map((hit, i) => (
          <li key={i}>
            <a href={noteHref(hit.note.fname, hit.section?.slug)}>
              {hit.note.title}
              {hit.section ? ` › ${hit.section.heading}` : ''}
            </a>
            {/* The snippet is HTML the server escaped, with only <mark> added (SearchHit.snippet). */}
            <p class="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
          </li>
        ))}
      </ol>
    </>
  );
}
