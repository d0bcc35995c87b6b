import { fetchEventSource, type EventSourceMessage } from '@microsoft/fetch-event-source';
import { useEffect, useEffectEvent, useState } from 'react';
import { authorisedFetch } from '../../api/client';

/** Where a change feed stands, as the live badge shows it. */
export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** One server-sent event of a change feed: `id:` the change id, `event:` its kind, `data:` its JSON. */
export interface FeedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export interface FeedHandlers {
  onEvent: (event: FeedEvent) => void;
  /**
   * The stream is open: the first time (anything committed between the page's queries and the
   * stream is refetched) and after every reconnect (resumed with Last-Event-ID; refetch what the
   * events may not say, e.g. a change of day).
   */
  onOpen?: (reconnected: boolean) => void;
}

/** A refusal that asking again will not change (403, 404, signed out): the feed stops. */
class FeedRefused extends Error {}
/** The server ended the stream (restart, deploy): reconnect. */
class FeedEnded extends Error {}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * Subscribes to a server-sent change feed of the API with the session's bearer token (EventSource
 * cannot send it; `authorisedFetch` adds it and refreshes it once on 401). It reconnects on its own
 * with growing pauses, and resumes after the last event it received with `Last-Event-ID`, so nothing
 * committed meanwhile is lost. `url` null: no feed.
 */
export function useChangeFeed(url: string | null, handlers: FeedHandlers): FeedState {
  // The state of the feed of `url`: a new url starts 'connecting' without a render in between.
  const [current, setCurrent] = useState<{ url: string | null; state: FeedState }>({
    url,
    state: 'connecting',
  });
  const onEvent = useEffectEvent((event: FeedEvent) => handlers.onEvent(event));
  const onOpen = useEffectEvent((reconnected: boolean) => handlers.onOpen?.(reconnected));

  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    let opened = false;
    let failures = 0;
    const setState = (state: FeedState) => setCurrent({ url, state });
    fetchEventSource(url, {
      signal: controller.signal,
      // The wall display runs in a tab nobody looks at: keep the stream open when it is hidden.
      openWhenHidden: true,
      fetch: (input, init) => authorisedFetch(new Request(input, init)),
      onopen: (response) => {
        if (response.ok && response.headers.get('content-type')?.startsWith('text/event-stream')) {
          failures = 0;
          setState('live');
          onOpen(opened);
          opened = true;
          return Promise.resolve();
        }
        if (response.status >= 400 && response.status < 500 && response.status !== 429)
          throw new FeedRefused(`change feed refused: ${response.status}`);
        throw new Error(`change feed unavailable: ${response.status}`);
      },
      onmessage: (message: EventSourceMessage) => {
        // Comment lines (the heartbeat, "connected") arrive as messages without data.
        if (!message.data) return;
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(message.data) as Record<string, unknown>;
        } catch {
          return;
        }
        onEvent({ id: message.id, type: message.event, data });
      },
      onclose: () => {
        throw new FeedEnded('change feed ended by the server');
      },
      onerror: (error: unknown) => {
        if (error instanceof FeedRefused) throw error;
        setState('reconnecting');
        return RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
      },
    }).catch(() => {
      if (!controller.signal.aborted) setState('closed');
    });
    return () => controller.abort();
  }, [url]);

  if (!url) return 'closed';
  return current.url === url ? current.state : 'connecting';
}
