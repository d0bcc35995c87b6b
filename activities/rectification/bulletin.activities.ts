import { ApplicationFailure, log } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import type { DocumentSettings } from '../../libs/database/src/documents/document-numbers';
import {
  BULLETIN_SCHEDULE_ACTOR,
  LedgerNotFoundError,
  publishBulletin,
} from '../../libs/database/src/rectification/publish-bulletin';
import type { BulletinTrigger } from '../../libs/domain/src/rectification/bulletin';

export interface PublishBulletinActivityInput {
  ledgerId: string;
  /** ISO instant the bulletin reports on: the schedule's due time. */
  asOf: string;
  trigger: BulletinTrigger;
}

export interface PublishBulletinActivityResult {
  bulletinId: string;
  number: number;
}

export function createBulletinActivities(dataSource: DataSource, documents: DocumentSettings = {}) {
  return {
    /**
     * Publishes the ledger's bulletin as of `asOf` (一周一通报). A retry finds the bulletin of that
     * instant already stored and returns it: a bulletin is never published twice.
     */
    async publishBulletin(input: PublishBulletinActivityInput): Promise<PublishBulletinActivityResult> {
      try {
        const { bulletin, created } = await publishBulletin(dataSource, {
          ...input,
          actor: BULLETIN_SCHEDULE_ACTOR,
          documents,
        });
        log.info(created ? 'bulletin published' : 'bulletin already published', {
          ledgerId: input.ledgerId,
          asOf: input.asOf,
          number: bulletin.number,
        });
        return { bulletinId: bulletin.id, number: bulletin.number };
      } catch (error) {
        // Retried: the ledger row may not be committed yet when its schedule starts.
        if (error instanceof LedgerNotFoundError) {
          throw ApplicationFailure.retryable(error.message, 'LedgerNotFound', { ledgerId: error.ledgerId });
        }
        throw error;
      }
    },
  };
}
