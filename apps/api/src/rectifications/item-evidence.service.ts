import { Injectable } from '@nestjs/common';
import { EvidenceFileQueries } from '../../../../libs/database/src/platform/evidence-file.queries';
import { EvidenceFile } from '../../../../libs/database/src/rectification/evidence-file.entity';
import { auditActor, CurrentUser } from '../access/current-user';
import { evidenceWithContent, receiveEvidence } from '../common/evidence/evidence-files';
import type { ItemDetailView } from './dto/rectification-view.dto';
import { ItemStepsService } from './item-steps.service';
import { assertMayTake } from './rectification-access';
import { RectificationsService } from './rectifications.service';

/** Evidence (佐证材料) of items: attaching a file as a step of the item, and downloading one. */
@Injectable()
export class ItemEvidenceService {
  constructor(
    private readonly evidenceFiles: EvidenceFileQueries,
    private readonly reading: RectificationsService,
    private readonly steps: ItemStepsService,
  ) {}

  /** Stores the file, then records it on the item's timeline; the file is kept only if the step is accepted. */
  async attach(
    caller: CurrentUser,
    id: string,
    file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<ItemDetailView> {
    const item = await this.reading.visibleItem(caller, id);
    assertMayTake(caller, item, 'attach-evidence');
    await receiveEvidence({
      files: this.evidenceFiles.of(EvidenceFile),
      ownerId: id,
      owner: { itemId: id },
      file,
      uploadedBy: auditActor(caller).name,
      send: (step) => this.steps.send(item, caller, step),
    });
    return this.reading.detail(caller, id);
  }

  async content(caller: CurrentUser, id: string, evidenceId: string): Promise<EvidenceFile> {
    await this.reading.visibleItem(caller, id);
    return evidenceWithContent(this.evidenceFiles.of(EvidenceFile), evidenceId, { item_id: id });
  }
}
