import { useEffect, useState } from 'react';
import { CHART_TEXT } from './echarts';

/**
 * Whether the console's typeface is ready for `text` on a canvas: the web font comes in subsets
 * by character range that the canvas does not fetch itself, so the chart asks for the ones its
 * text needs and draws again once they are there (until then the system's font shows).
 */
export function useChartFont(text: string): boolean {
  const [ready, setReady] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void document.fonts
      .load(`16px ${CHART_TEXT.fontFamily}`, text)
      .catch(() => undefined)
      .then(() => {
        if (live) setReady(text);
      });
    return () => {
      live = false;
    };
  }, [text]);
  return ready === text;
}
