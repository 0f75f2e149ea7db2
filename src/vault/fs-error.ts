/**
 * A file system error in words, without the absolute path Node puts at the end of its message
 * (`ELOOP: too many symbolic links encountered, stat '/home/…/a.md'` -> `ELOOP: too many symbolic links encountered`):
 * diagnostics name the vault-relative file themselves.
 */
export function fsErrorReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/, \w+ '[^']*'( -> '[^']*')?$/, '');
}
