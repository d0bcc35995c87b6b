import { useEffect, useState } from 'react';
import { showTime } from '../../../shared/deadline';

/** The time in China Standard Time, whatever the zone of the machine driving the screen. */
export function WallClock({ fontSize }: { fontSize: number }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time
      dateTime={now.toISOString()}
      data-testid="wall-clock"
      style={{ fontSize, fontVariantNumeric: 'tabular-nums' }}
    >
      {showTime(now.toISOString())}（北京时间）
    </time>
  );
}
