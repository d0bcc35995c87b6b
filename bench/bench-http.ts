/** A JSON call to the API; throws with the answer's text on a non-2xx status. */
export async function call<T>(
  api: string,
  method: string,
  route: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (
    response.headers.get('content-type')?.includes('json') ? response.json() : response.arrayBuffer()
  ) as Promise<T>;
}

/** Uploads one file in the form field `file`. */
export async function upload<T>(
  api: string,
  route: string,
  token: string,
  name: string,
  content: Buffer,
): Promise<T> {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const response = await fetch(`${api}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!response.ok) throw new Error(`upload ${route}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function login(api: string, username: string, password: string): Promise<string> {
  return (await call<{ accessToken: string }>(api, 'POST', '/auth/login', undefined, { username, password }))
    .accessToken;
}

/** The value below which `share` of the samples fall (nearest rank). */
export function percentile(samples: number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}
