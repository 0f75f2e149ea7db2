import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { decodeCursor, toConnection } from '../common/graphql/pagination';
import { SyncService } from '../sync/sync.service';
import { normalizeConceptName } from '../vault/parse/concepts';
import type { ConceptsArgs } from './dto/concepts.args';
import { ConceptRepository } from './concept.repository';
import type { ConceptConnection } from './models/concept-connection.model';
import { ConceptModel } from './models/concept.model';

type ConceptCursor = [string];
const isConceptCursor = (v: unknown): v is ConceptCursor => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string';

@Injectable()
export class ConceptService {
  constructor(
    private readonly concepts: ConceptRepository,
    private readonly syncs: SyncService,
  ) {}

  /** By name: its key (`Gateways` -> `gateway`), else a dictionary alias (`ingress gateway` -> `gateway`). */
  async byName(name: string): Promise<ConceptModel | null> {
    const key = normalizeConceptName(name);
    const found =
      (await this.concepts.findByKey(key)) ??
      (await this.concepts.withAliases()).find((c) => c.aliases.some((a) => normalizeConceptName(a) === key)) ??
      null;
    return found && ConceptModel.from(found);
  }

  async page(args: ConceptsArgs): Promise<ConceptConnection> {
    const after = args.after ? decodeCursor(args.after, isConceptCursor)[0] : null;
    const { rows, total } = await this.concepts.page(args.filter ?? {}, after, args.first + 1);
    return toConnection(
      rows,
      args.first,
      total,
      (r) => [r.key],
      (r) => ConceptModel.from(r),
    );
  }

  /** Add (or replace) a dictionary entry, then rebuild concepts and mentions. */
  async define(name: string, aliases: string[]): Promise<ConceptModel> {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (normalizeConceptName(clean).length < 2) {
      throw new DomainError(ErrorCode.BadInput, 'a concept name needs at least two characters');
    }
    await this.syncs.updateConcepts({ define: { name: clean, aliases: aliases.map((a) => a.trim()).filter((a) => a !== '') } });
    const concept = await this.byName(clean);
    if (!concept) {
      throw new Error(`concept ${clean} is missing after its definition`);
    }
    return concept;
  }

  /**
   * Drop the API's dictionary entry for this name. A concept that the notes also name stays (with a weaker kind);
   * one that only concepts.yml or the text define cannot be removed here: NOT_FOUND.
   */
  async remove(name: string): Promise<boolean> {
    if (!(await this.syncs.updateConcepts({ remove: name }))) {
      throw new DomainError(
        ErrorCode.NotFound,
        `no concept definition named ${quoteInput(name)} (entries in concepts.yml are edited in the file)`,
      );
    }
    return true;
  }
}
