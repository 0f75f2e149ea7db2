import type { ComponentChildren } from 'preact';
import type { ApiError } from './api';

/** Loading / error states shared by the pages. */
export function Status({ loading, error, empty }: { loading: boolean; error: ApiError | null; empty?: boolean }) {
  if (error) {
    return (
      <p class="error" role="alert">
        {error.code === 'NETWORK' ? 'The server cannot be reached.' : error.message}
      </p>
    );
  }
  if (loading && empty) {
    return <p aria-live="polite">Loading…</p>;
  }
  return null;
}

export function noteHref(fname: string, slug?: string | null): string {
  return `/notes/${encodeURIComponent(fname)}${slug ? `#${encodeURIComponent(slug)}` : ''}`;
}

export function conceptHref(key: string): string {
  return `/concepts/${encodeURIComponent(key)}`;
}

/** The page of a graph node: a concept's (`concept:<key>`) or a note's (by id: the note page finds it). */
export function graphNodeHref(id: string, kind: string): string {
  return kind === 'concept' ? conceptHref(id.slice('concept:'.length)) : noteHref(id);
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-h`;
  return (
    <section aria-labelledby={headingId} class="panel">
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
