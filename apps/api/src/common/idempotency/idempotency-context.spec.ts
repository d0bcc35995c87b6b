import { commandObjectId, commandScope, commandUpdateId, runInCommandScope } from './idempotency-context';

describe('idempotency context', () => {
  const scope = commandScope('user-1', 'key-1', 'fingerprint');

  it('derives nothing outside a keyed request', () => {
    expect(commandUpdateId('rectification:l:i')).toBeUndefined();
    expect(commandObjectId('0')).toBeUndefined();
  });

  it('derives the same update id on a retry, one per workflow, a new one per further update', () => {
    const first = runInCommandScope(scope, () => [commandUpdateId('wf-a'), commandUpdateId('wf-b')]);
    const retry = runInCommandScope(scope, () => [commandUpdateId('wf-a'), commandUpdateId('wf-b')]);
    expect(retry).toEqual(first);
    expect(first[0]).not.toEqual(first[1]);
    const twice = runInCommandScope(scope, () => [commandUpdateId('wf-a'), commandUpdateId('wf-a')]);
    expect(twice[0]).toEqual(first[0]);
    expect(twice[1]).not.toEqual(twice[0]);
  });

  it('keeps callers, keys and requests apart', () => {
    const id = (s: string) => runInCommandScope(s, () => commandUpdateId('wf-a'));
    const base = id(scope);
    expect(id(commandScope('user-2', 'key-1', 'fingerprint'))).not.toEqual(base);
    expect(id(commandScope('user-1', 'key-2', 'fingerprint'))).not.toEqual(base);
    expect(id(commandScope('user-1', 'key-1', 'other body'))).not.toEqual(base);
  });

  it('keeps the scope across awaits', async () => {
    const ids = await runInCommandScope(scope, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return commandUpdateId('wf-a');
    });
    expect(ids).toEqual(runInCommandScope(scope, () => commandUpdateId('wf-a')));
  });

  it('gives created objects stable UUIDs', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const a = runInCommandScope(scope, () => commandObjectId('row-1'));
    expect(a).toMatch(uuid);
    expect(runInCommandScope(scope, () => commandObjectId('row-1'))).toEqual(a);
    expect(runInCommandScope(scope, () => commandObjectId('row-2'))).not.toEqual(a);
  });
});
