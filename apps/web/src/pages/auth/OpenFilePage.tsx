import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { authorisedFetch } from '../../api/client';
import { apiErrorFrom } from '../../api/api-error';

/**
 * Opens a link the product gives out (a bulletin's HTML, an XLSX, an evidence file) in a signed-in
 * tab: the API sends a browser that follows such a link without a token here, `/open?path=/api/…`.
 */
export default function OpenFilePage() {
  const [params] = useSearchParams();
  const path = params.get('path') ?? '';
  const valid = path.startsWith('/api/');
  const [failure, setError] = useState<string | null>(null);
  const error = valid ? failure : '链接无效';

  useEffect(() => {
    if (!valid) return;
    void (async () => {
      const response = await authorisedFetch(new Request(path));
      if (!response.ok) {
        setError((await apiErrorFrom(response)).message);
        return;
      }
      const blob = await response.blob();
      const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
      const url = URL.createObjectURL(blob);
      if (name && !blob.type.startsWith('text/html')) {
        const link = document.createElement('a');
        link.href = url;
        link.download = decodeURIComponent(name);
        link.click();
      } else {
        window.location.replace(url);
      }
    })();
  }, [path, valid]);

  return error ? <Alert type="error" showIcon title={error} /> : <Spin tip="正在打开…" />;
}
