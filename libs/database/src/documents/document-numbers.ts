import type { EntityManager } from 'typeorm';
import {
  DOCUMENT_SERIAL_WORD,
  documentNumber,
  documentYear,
  type DocumentStamp,
} from '../../../domain/src/documents/official-document';

/**
 * The issuing office (发文机关) of the county's documents: the unit `ISSUING_UNIT_CODE` names, or,
 * without the setting, the root of the unit tree (the county). `code` is the key of its number
 * sequences: '' for the default office, so notices numbered before offices were configured
 * continue in the same sequence.
 */
export interface IssuingOffice {
  code: string;
  name: string;
}

/** The county's document settings, from `ISSUING_UNIT_CODE`. */
export interface DocumentSettings {
  issuingUnitCode?: string;
}

const FALLBACK_OFFICE_NAME = '攻坚行动指挥部';

export async function issuingOffice(manager: EntityManager, configuredCode?: string): Promise<IssuingOffice> {
  if (configuredCode) {
    const [unit] = await manager.query<Array<{ name: string }>>(`SELECT name FROM unit WHERE code = $1`, [
      configuredCode,
    ]);
    // a code the tree does not (yet) know still numbers in its own sequence; it reads as the code
    return { code: configuredCode, name: unit?.name ?? configuredCode };
  }
  return { code: '', name: await defaultOfficeName(manager) };
}

/**
 * The name of the county: the one root unit of kind `county` (the tree may hold other roots, such
 * as the administrators' 系统管理), else the one root there is, else a generic 指挥部.
 */
export async function defaultOfficeName(manager: EntityManager): Promise<string> {
  const roots = await manager.query<Array<{ name: string; kind: string }>>(
    `SELECT name, kind FROM unit WHERE parent_code IS NULL ORDER BY code`,
  );
  const counties = roots.filter((r) => r.kind === 'county');
  if (counties.length === 1) return counties[0].name;
  return roots.length === 1 ? roots[0].name : FALLBACK_OFFICE_NAME;
}

/** The name an office code stored on a document reads as ('' is the default office). */
export async function officeName(manager: EntityManager, code: string | null): Promise<string> {
  return (await issuingOffice(manager, code ?? undefined)).name;
}

/**
 * Takes the next number of an office's sequence for a kind and year. The upsert takes the row's
 * lock until the transaction ends, so concurrent issuers wait for each other and never get the
 * same number, and a rolled-back transaction gives its number back.
 */
export async function takeDocumentNumber(
  manager: EntityManager,
  sequence: { issuingUnit: string; kind: string; year: number },
): Promise<number> {
  const [row] = await manager.query<Array<{ last_serial: number }>>(
    `INSERT INTO document_number (issuing_unit, kind, year, last_serial) VALUES ($1, $2, $3, 1)
     ON CONFLICT (issuing_unit, kind, year) DO UPDATE SET last_serial = document_number.last_serial + 1
     RETURNING last_serial`,
    [sequence.issuingUnit, sequence.kind, sequence.year],
  );
  return row.last_serial;
}

/**
 * Gives back the number just taken in this transaction (the document turned out to exist
 * already): the row is still locked by this transaction, so no one took a later one.
 */
export async function returnDocumentNumber(
  manager: EntityManager,
  sequence: { issuingUnit: string; kind: string; year: number },
  serial: number,
): Promise<void> {
  await manager.query(
    `UPDATE document_number SET last_serial = last_serial - 1
      WHERE issuing_unit = $1 AND kind = $2 AND year = $3 AND last_serial = $4`,
    [sequence.issuingUnit, sequence.kind, sequence.year, serial],
  );
}

/** Numbers a document issued at `at` in its office's sequence of `kind`: the stamp it keeps. */
export async function stampDocument(
  manager: EntityManager,
  documents: DocumentSettings | undefined,
  kind: string,
  at: Date | string,
): Promise<DocumentStamp> {
  const office = await issuingOffice(manager, documents?.issuingUnitCode);
  const year = documentYear(at);
  const serial = await takeDocumentNumber(manager, { issuingUnit: office.code, kind, year });
  return {
    issuingUnit: office.code,
    issuingOffice: office.name,
    kind,
    year,
    serial,
    number: documentNumber(year, serial, DOCUMENT_SERIAL_WORD[kind] ?? '号'),
  };
}
