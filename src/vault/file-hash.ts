import { createHash } from 'node:crypto';

/** The content hash the sync stores per file (Note.hash) and a write-back checks before it writes. */
export const fileHash = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');
