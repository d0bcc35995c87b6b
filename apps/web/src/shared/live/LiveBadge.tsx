import { Badge } from 'antd';
import type { FeedState } from './useChangeFeed';

const SHOWN: Record<FeedState, { status: 'success' | 'processing' | 'warning' | 'error'; text: string }> = {
  connecting: { status: 'processing', text: '连接中…' },
  live: { status: 'success', text: '实时' },
  reconnecting: { status: 'warning', text: '重新连接中…' },
  closed: { status: 'error', text: '未连接实时更新' },
};

/** The state of a page's live feed, in words (not colour alone), announced when it changes. */
export function LiveBadge({ state, fontSize }: { state: FeedState; fontSize?: number }) {
  const { status, text } = SHOWN[state];
  return (
    <span role="status" aria-live="polite" data-testid="live-state" data-state={state}>
      <Badge status={status} text={<span style={{ fontSize }}>{text}</span>} />
    </span>
  );
}
