import type { QueryKey } from '@tanstack/react-query';
import { Card } from 'antd';
import { EvidenceList, type EvidenceItem } from './EvidenceList';
import { EvidenceUpload } from './EvidenceUpload';

/**
 * 佐证材料 of an object in a card: the upload (when the person may add some now) above the list.
 * `basePath` is the API's evidence collection (`/api/rectifications/<id>/evidence`): uploads post
 * to it, each piece is read at `<basePath>/<evidenceId>`.
 */
export function EvidenceCard({
  basePath,
  items,
  canUpload,
  invalidates,
}: {
  basePath: string;
  items: readonly EvidenceItem[];
  canUpload: boolean;
  invalidates: QueryKey[];
}) {
  return (
    <Card size="small" title="佐证材料">
      {canUpload && (
        <div style={{ marginBottom: 8 }}>
          <EvidenceUpload uploadPath={basePath} invalidates={invalidates} />
        </div>
      )}
      <EvidenceList items={items} downloadPath={(evidenceId) => `${basePath}/${evidenceId}`} />
    </Card>
  );
}
