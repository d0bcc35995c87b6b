/**
 * What one step changed in a process's state: the top-level fields whose value differs, and the
 * fields it removed. A projection sends this instead of the whole state, so a workflow's history
 * grows by the change, not by the state, with every step; the read model applies it to the state
 * it stored for the version before.
 */
export interface StateChange<S> {
  /** The version the change applies to (the one before it). */
  from: number;
  /** The version it makes. */
  to: number;
  /** Fields with their new values (JSON-equal fields are left out). */
  set: Partial<S>;
  /** Fields the step removed. */
  unset: Array<keyof S & string>;
}

type Versioned = { version: number };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The change from `before` to `after` (its next version). */
export function stateChange<S extends Versioned>(before: S, after: S): StateChange<S> {
  const set: Partial<S> = {};
  const unset: Array<keyof S & string> = [];
  for (const key of Object.keys(after) as Array<keyof S & string>) {
    if (key !== 'version' && after[key] !== undefined && !same(before[key], after[key]))
      set[key] = after[key];
  }
  for (const key of Object.keys(before) as Array<keyof S & string>) {
    if (before[key] !== undefined && after[key] === undefined) unset.push(key);
  }
  return { from: before.version, to: after.version, set, unset };
}

/** `state` (of version `change.from`) with the change applied: the state of version `change.to`. */
export function applyStateChange<S extends Versioned>(state: S, change: StateChange<S>): S {
  if (state.version !== change.from)
    throw new Error(`a change from version ${change.from} cannot apply to version ${state.version}`);
  const next: S = { ...state, ...change.set, version: change.to };
  for (const key of change.unset) delete next[key];
  return next;
}
