import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of this project's workflows. The dev server registers them at start
 * (`searchAttributeFlags`); a production cluster registers them once with `temporal operator search-attribute create`.
 */
export const ProcessKind = defineSearchAttributeKey('ProcessKind', SearchAttributeType.KEYWORD);
export const ResponsibleUnit = defineSearchAttributeKey('ResponsibleUnit', SearchAttributeType.KEYWORD);
export const CampaignId = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
export const EscalationLevel = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
export const DeadlineAt = defineSearchAttributeKey('DeadlineAt', SearchAttributeType.DATETIME);

export const SEARCH_ATTRIBUTES = [ProcessKind, ResponsibleUnit, CampaignId, EscalationLevel, DeadlineAt];

const CLI_TYPE_NAMES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DATETIME]: 'Datetime',
};

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export function searchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${CLI_TYPE_NAMES[key.type]}`,
  ]);
}
