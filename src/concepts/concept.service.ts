import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { decodeCursor, toConnection } from '../common/graphql/pagination';
import { SyncService } from '../sync/sync.service';
import { cleanDictionaryName } from '../vault/parse/concept-dictionary';
import { normalizeConceptName } from '../vault/parse/concepts';
import { ConceptOrder, type ConceptsArgs } from './dto/concepts.args';
import type { ConceptOrderColumn, ConceptRecord } from './concept.records';
import { ConceptRepository } from './concept.repository';
import type { ConceptConnection } from './models/concept-connection.model';
import { ConceptModel } from './models/concept.model';

/** `[key]` in name order, `[value, key]` by salience or mentions. */
type ConceptCursor = [string] | [number, string];
const isKeyCursor = (v: unknown): v is ConceptCursor => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string';
const isValueCursor = (v: unknown): v is ConceptCursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && Number.isFinite(v[0]) && typeof v[1] === 'string';

const ORDER_COLUMN: Record<ConceptOrder, ConceptOrderColumn> = {
  [ConceptOrder.NAME]: 'key',
  [ConceptOrder.SALIENCE]: 'salience',
  [ConceptOrder.MENTIONS]: 'mentionCount',
};

/** A name a client gives a dictionary or ignore entry, cleaned as concepts.yml's are; BAD_USER_INPUT if too short. */
function conceptName(name: string): string {
  const clean = cleanDictionaryName(name);
  if (normalizeConceptName(clean).length < 2) {
    throw new DomainError(ErrorCode.BadInput, 'a concept name needs at least two characters');
  }
  return clean;
}

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
    const order = ORDER_COLUMN[args.orderBy];
    // A cursor holds what its order sorts by, so one from another order is refused (BAD_USER_INPUT).
    const cursor = args.after ? decodeCursor(args.after, order === 'key' ? isKeyCursor : isValueCursor) : null;
    const after = cursor === null ? null : cursor.length === 1 ? { key: cursor[0], value: null } : { key: cursor[1], value: cursor[0] };
    const { rows, total } = await this.concepts.page(args.filter ?? {}, order, after, args.first + 1);
    const cursorOf = (r: ConceptRecord): ConceptCursor => (order === 'key' ? [r.key] : [r[order], r.key]);
    return toConnection(rows, args.first, total, cursorOf, (r) => ConceptModel.from(r));
  }

  /** Add (or replace) a dictionary entry, then rebuild concepts and mentions. */
  async define(name: string, aliases: string[]): Promise<ConceptModel> {
    const clean = conceptName(name);
    await this.syncs.updateConcepts({ define: { name: clean, aliases: aliases.map((a) => a.trim()).filter((a) => a !== '') } });
    const concept = await this.byName(clean);
    if (!concept) {
      throw new Error(`concept ${clean} is missing after its definition`);
    }
    return concept;
  }

  /**
   * Drop a concept drawn from the text: its key joins the ignore list (beside `ignore:` in concepts.yml), and the
   * concept and its mentions go at once. A dictionary entry stays (remove it with removeConcept or in the file).
   */
  async ignore(name: string): Promise<boolean> {
    return this.syncs.updateConcepts({ ignore: conceptName(name) });
  }

  /** Take a name off the API's ignore list: the text may make it a concept again. NOT_FOUND if it was not there. */
  async unignore(name: string): Promise<boolean> {
    if (!(await this.syncs.updateConcepts({ unignore: name }))) {
      throw new DomainError(
        ErrorCode.NotFound,
        `no ignored concept named ${quoteInput(name)} (the ignore: list of concepts.yml is edited in the file)`,
      );
    }
    return true;
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
