import * as fs from 'node:fs';

/**
 * A small Chrome DevTools Protocol client for a Node process started with `--inspect=127.0.0.1:PORT`:
 * it reads the main thread's and each worker thread's V8 heap, forces a full garbage collection and
 * writes heap snapshots, from outside the process (nothing in the measured process changes). It uses
 * Node's WebSocket (`node --experimental-websocket` on Node 20). Benchmarks only.
 */

interface MinimalWebSocket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'error' | 'close', listener: (event: unknown) => void): void;
}
type WebSocketConstructor = new (url: string) => MinimalWebSocket;

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** One isolate of the process: the main thread (`session` undefined) or a worker thread. */
export interface InspectorTarget {
  name: string;
  session?: string;
}

/** What `process.memoryUsage()` answers inside one isolate (rss is the whole process's). */
export interface IsolateMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export class InspectorClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }
  >();
  private readonly listeners = new Set<(message: Message, session?: string) => void>();
  readonly workers: InspectorTarget[] = [];

  private constructor(private readonly socket: MinimalWebSocket) {
    socket.addEventListener('message', ({ data }) => this.receive(JSON.parse(String(data)) as Message));
  }

  static async connect(port: number): Promise<InspectorClient> {
    const WebSocket = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocket) throw new Error('no WebSocket in this Node: run it with --experimental-websocket');
    const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
      webSocketDebuggerUrl: string;
    }>;
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', reject);
    });
    const client = new InspectorClient(socket);
    client.listeners.add((message) => {
      if (message.method !== 'NodeWorker.attachedToWorker') return;
      const { sessionId, workerInfo } = message.params as {
        sessionId: string;
        workerInfo: { title: string; url: string };
      };
      client.workers.push({ name: workerInfo.url || workerInfo.title, session: sessionId });
    });
    await client.call({ name: 'main' }, 'NodeWorker.enable', { waitForDebuggerOnStart: false });
    return client;
  }

  /** The worker thread whose script URL contains `part`, once it is attached. */
  async worker(part: string, timeoutMs = 10_000): Promise<InspectorTarget> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.workers.find((w) => w.name.includes(part));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no worker thread ${part} (threads: ${this.workers.map((w) => w.name).join(', ')})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  call(
    target: InspectorTarget,
    method: string,
    params: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const result = new Promise<Record<string, unknown>>((resolve, reject) =>
      this.pending.set(id, { resolve, reject }),
    );
    const message = JSON.stringify({ id, method, params });
    if (target.session === undefined) this.socket.send(message);
    else
      this.socket.send(
        JSON.stringify({
          id: this.nextId++,
          method: 'NodeWorker.sendMessageToWorker',
          params: { sessionId: target.session, message },
        }),
      );
    return result;
  }

  /** A full, forced garbage collection in that isolate. */
  async collectGarbage(target: InspectorTarget): Promise<void> {
    await this.call(target, 'HeapProfiler.collectGarbage');
  }

  async memory(target: InspectorTarget): Promise<IsolateMemory> {
    const { result } = (await this.call(target, 'Runtime.evaluate', {
      expression: 'process.memoryUsage()',
      returnByValue: true,
    })) as { result: { value: IsolateMemory } };
    return result.value;
  }

  /** A heap snapshot of that isolate written to `file` (open it in Chrome DevTools → Memory). */
  async writeHeapSnapshot(target: InspectorTarget, file: string): Promise<void> {
    const out = fs.openSync(file, 'w');
    const listener = (message: Message, session?: string) => {
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk' && session === target.session)
        fs.writeSync(out, (message.params as { chunk: string }).chunk);
    };
    this.listeners.add(listener);
    try {
      await this.call(target, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      this.listeners.delete(listener);
      fs.closeSync(out);
    }
  }

  close(): void {
    this.socket.close();
  }

  private receive(message: Message, session?: string): void {
    if (message.method === 'NodeWorker.receivedMessageFromWorker') {
      const params = message.params as { sessionId: string; message: string };
      this.receive(JSON.parse(params.message) as Message, params.sessionId);
      return;
    }
    if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve, reject } = this.pending.get(message.id)!;
      this.pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result ?? {});
      return;
    }
    for (const listener of this.listeners) listener(message, session);
  }
}
