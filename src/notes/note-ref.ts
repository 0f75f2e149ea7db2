/**
 * How a client names a note, everywhere (queries, mutations, REST routes, CLI commands): by `id`, or by `fname`
 * (optionally in one `vault`). The rule, applied by NotesService.find: an id matches exactly; an fname matches
 * case-insensitively, as Dendron's links and hierarchy do (the exact spelling first, then the first vault); when
 * both are given they must name the same note, else BAD_USER_INPUT.
 */
export interface NoteRef {
  id?: string | null;
  fname?: string | null;
  vault?: string | null;
}
