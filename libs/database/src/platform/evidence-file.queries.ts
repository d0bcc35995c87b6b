import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { Queries } from '../queries';

/** What is stored of one accepted evidence file, whatever process keeps it. */
export interface StoredEvidence {
  id: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
}

/**
 * One process's evidence table (rectification items', households', campaign tasks'), as
 * `EvidenceFileQueries.of(Entity)` gives it. `owner` maps the table's owner columns to their
 * values: entity property names when storing and removing (`{ itemId }`), column names when
 * reading (`{ item_id }`).
 */
export interface EvidenceTable<E extends ObjectLiteral> {
  /** One file with its content, found by id among its owner's files. */
  withContent(evidenceId: string, owner: Record<string, string>): Promise<E | null>;
  /** Stores the file for its owner under its id, once (a keyed retry inserts nothing). */
  storeOnce(owner: Record<string, string>, evidence: StoredEvidence): Promise<void>;
  /** Removes the owner's file of that id. */
  remove(evidenceId: string, owner: Record<string, string>): Promise<void>;
}

/** Evidence files' storage, the same for every process that keeps files; each says only which table. */
export class EvidenceFileQueries extends Queries {
  of<E extends ObjectLiteral>(table: EntityTarget<E>): EvidenceTable<E> {
    const files = () => this.db.getRepository(table);
    return {
      withContent(evidenceId, owner) {
        const columns = Object.keys(owner);
        return files()
          .createQueryBuilder('f')
          .addSelect('f.content')
          .where(
            ['f.id = :evidenceId', ...columns.map((column, index) => `f.${column} = :owner${index}`)].join(
              ' AND ',
            ),
            {
              evidenceId,
              ...Object.fromEntries(columns.map((column, index) => [`owner${index}`, owner[column]])),
            },
          )
          .getOne();
      },
      async storeOnce(owner, evidence) {
        await files()
          .createQueryBuilder()
          .insert()
          .orIgnore()
          .values({
            id: evidence.id,
            ...owner,
            fileName: evidence.fileName,
            mediaType: evidence.mediaType,
            sizeBytes: evidence.content.length,
            sha256: evidence.sha256,
            content: evidence.content,
            uploadedBy: evidence.uploadedBy,
            uploadedAt: new Date(),
          } as never)
          .execute();
      },
      async remove(evidenceId, owner) {
        await files().delete({ id: evidenceId, ...owner } as never);
      },
    };
  }
}
