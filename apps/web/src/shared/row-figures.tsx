/** A row's figures from a query of its own: the figures, 无法读取 when it failed, … while loading. */
export function figuresOf<T>(data: T | undefined, error: unknown, render: (data: T) => React.ReactNode) {
  if (data !== undefined) return render(data);
  return error ? <span style={{ color: '#cf1322' }}>无法读取</span> : '…';
}
