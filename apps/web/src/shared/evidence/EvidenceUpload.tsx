import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Button, Grid, Space, Upload, type UploadProps } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, apiErrorFrom } from '../../api/api-error';
import { authorisedFetch, IDEMPOTENCY_HEADER, newCommandKey } from '../../api/client';
import { ApiErrorAlert } from '../ApiErrorAlert';
import type { EvidenceItem } from './EvidenceList';

/** What the API accepts as evidence: images, PDF, Word, Excel (at most 10 MiB, checked by the API). */
export const EVIDENCE_ACCEPT = 'image/*,application/pdf,.doc,.docx,.xls,.xlsx';

/**
 * Uploads evidence (佐证材料) as multipart to `uploadPath` with the session and an Idempotency-Key
 * kept for the same file (a retry of one file is stored once). On a phone a second button opens
 * the camera. The API's refusal (type, size, status) is shown under the buttons.
 */
export function EvidenceUpload<T extends EvidenceItem = EvidenceItem>({
  uploadPath,
  invalidates = [],
  onUploaded,
  disabled,
  label = '上传佐证材料',
}: {
  uploadPath: string;
  /** Queries showing the evidence: refetched after each upload. */
  invalidates?: QueryKey[];
  onUploaded?: (evidence: T) => void;
  disabled?: boolean;
  label?: string;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const keys = useRef(new WeakMap<File, string>());
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(0);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const blob = file as File;
    const key = keys.current.get(blob) ?? newCommandKey();
    keys.current.set(blob, key);
    const body = new FormData();
    body.append('file', blob, blob.name);
    setError(null);
    setUploading((n) => n + 1);
    void authorisedFetch(
      new Request(uploadPath, { method: 'POST', body, headers: { [IDEMPOTENCY_HEADER]: key } }),
    )
      .then(async (response) => {
        if (!response.ok) throw await apiErrorFrom(response);
        const evidence = (await response.json()) as T;
        keys.current.delete(blob);
        await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        void message.success(`已上传「${evidence.fileName}」`);
        onUploaded?.(evidence);
        onSuccess?.(evidence);
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status < 500) keys.current.delete(blob);
        setError(failure);
        onError?.(failure instanceof Error ? failure : new Error(String(failure)));
      })
      .finally(() => setUploading((n) => n - 1));
  };

  const common: UploadProps = {
    customRequest,
    multiple: true,
    showUploadList: false,
    disabled: disabled || uploading > 0,
  };
  return (
    <div>
      <Space wrap>
        <Upload {...common} accept={EVIDENCE_ACCEPT}>
          <Button icon={<UploadOutlined />} loading={uploading > 0} disabled={common.disabled}>
            {label}
          </Button>
        </Upload>
        {!screens.md && (
          <Upload {...common} accept="image/*" capture="environment">
            <Button icon={<CameraOutlined />} disabled={common.disabled}>
              拍照上传
            </Button>
          </Upload>
        )}
      </Space>
      <ApiErrorAlert error={error} style={{ marginTop: 8 }} />
    </div>
  );
}
