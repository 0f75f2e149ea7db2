/**
 * A file system error in words, without the absolute path Node puts at the end of its message
 * (`ELOOP: too many symbolic links encountered, stat '/home/…/a.md'` -> `ELOOP: too many symbolic links encountered`):
 * diagnostics name the vault-relative file themselves.
 */
export function fsErrorReason(err: unknown): string {
  // Duck-typed: errors from another realm (a VM context, Jest's sandbox) are not `instanceof Error`.
  const message = (err as { message?: unknown } | null)?.message;
  return (typeof message === 'string' ? message : String(err)).replace(/, \w+ '[^']*'( -> '[^']*')?$/, '');
}
