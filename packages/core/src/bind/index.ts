export { applyBindEvent, type BindEvent, type BindOrderState } from './order-state.js';
