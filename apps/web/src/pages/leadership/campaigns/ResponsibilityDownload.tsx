import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { openApiFile } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';

/** Downloads the campaign's responsibility list (责任清单) as XLSX; a department gets its own rows. */
export function ResponsibilityDownload({
  campaignId,
  campaignName,
}: {
  campaignId: string;
  campaignName: string;
}) {
  const download = useMutation({
    mutationFn: () =>
      openApiFile(
        `/api/campaigns/${encodeURIComponent(campaignId)}/responsibilities?format=xlsx`,
        `${campaignName}-责任清单.xlsx`,
      ),
  });
  return (
    <Space direction="vertical" size={4}>
      <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
        下载责任清单（XLSX）
      </Button>
      <ApiErrorAlert error={download.error} />
    </Space>
  );
}
