import type { BindStatus } from '../contract/types.js';

export interface BindOrderState {
  status: BindStatus;
  bindId?: string;
}

export interface BindEvent {
  status: BindStatus;
  bindId?: string;
}

/**
 * The one rule for bind orders: an order reaches a terminal state (SUCCESS or
 * FAIL) once. Duplicates, replays and out-of-order deliveries (a PENDING
 * after the result, a second result) change nothing.
 */
export function applyBindEvent(current: BindOrderState, event: BindEvent): { changed: boolean; state: BindOrderState } {
  if (current.status === 'SUCCESS' || current.status === 'FAIL') return { changed: false, state: current };
  if (event.status === 'PENDING') return { changed: false, state: current };
  const state: BindOrderState = { status: event.status };
  if (event.status === 'SUCCESS' && event.bindId) state.bindId = event.bindId;
  return { changed: true, state };
}
