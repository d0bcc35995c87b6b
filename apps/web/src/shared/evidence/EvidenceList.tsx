import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Typography } from 'antd';
import { ApiError } from '../../api/api-error';
import { openApiFile } from '../../api/client';
import { showTime } from '../deadline';

/** A piece of evidence (佐证材料) as the API describes it, for tasks, items and households alike. */
export interface EvidenceItem {
  id: string;
  fileName: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
  mediaType?: string;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Evidence of an object, newest first; each opens (or downloads) with the session. */
export function EvidenceList({
  items,
  downloadPath,
}: {
  items: readonly EvidenceItem[];
  /** The API path of one piece (`/api/rectifications/<id>/evidence/<evidenceId>`). */
  downloadPath: (evidenceId: string) => string;
}) {
  const { message } = App.useApp();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无佐证材料" />;
  const sorted = [...items].sort((a, b) => Date.parse(b.uploadedAt) - Date.parse(a.uploadedAt));
  return (
    <List
      aria-label="佐证材料"
      size="small"
      dataSource={sorted}
      renderItem={(item) => (
        <List.Item key={item.id}>
          <List.Item.Meta
            avatar={<PaperClipOutlined />}
            title={
              <Button
                type="link"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                aria-label={`下载 ${item.fileName}`}
                onClick={() =>
                  void openApiFile(downloadPath(item.id), item.fileName).catch((error: unknown) => {
                    void message.error(error instanceof ApiError ? error.message : '下载失败');
                  })
                }
              >
                <span data-testid="evidence-file" style={{ overflowWrap: 'anywhere' }}>
                  {item.fileName}
                </span>
              </Button>
            }
            description={
              <Typography.Text type="secondary">
                {fileSize(item.sizeBytes)} · {item.uploadedBy} · {showTime(item.uploadedAt)}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}
