/** An env's index pointer: which versioned index is live, with a history for rollback (DESIGN §7). */
export interface PointerEvent {
  action: 'promote' | 'rollback';
  from: string | null;
  to: string;
  at: string;
  /** report the promote was gated on, if any */
  report?: string;
}

export interface PointerState {
  env: string;
  current: string | null;
  /** earlier live indexes, most recent last; rollback pops */
  stack: string[];
  history: PointerEvent[];
}

export interface PointerStore {
  /** where the pointer lives, for messages */
  readonly location: string;
  read(): Promise<PointerState>;
  /** atomically sets current = to, pushing the old current onto the stack */
  promote(to: string, meta?: { report?: string }): Promise<PointerState>;
  /** atomically sets current = the last stacked index; error when there is none */
  rollback(): Promise<PointerState>;
}

export function emptyPointer(env: string): PointerState {
  return { env, current: null, stack: [], history: [] };
}

/** Pure transitions, shared by every store. */
export function promoted(state: PointerState, to: string, at: string, report?: string): PointerState {
  const stack = state.current !== null && state.current !== to ? [...state.stack, state.current] : state.stack;
  const event: PointerEvent = { action: 'promote', from: state.current, to, at, ...(report ? { report } : {}) };
  return { ...state, current: to, stack, history: [...state.history, event] };
}

export function rolledBack(state: PointerState, at: string): PointerState | undefined {
  const to = state.stack[state.stack.length - 1];
  if (to === undefined) return undefined;
  return { ...state, current: to, stack: state.stack.slice(0, -1), history: [...state.history, { action: 'rollback', from: state.current, to, at }] };
}
