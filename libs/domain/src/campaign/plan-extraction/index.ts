export * from './extract-plan';
export type { SourceSpan } from './text';
export type { UnitRef } from './units';
