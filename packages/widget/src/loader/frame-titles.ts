import type { Locale, Mode } from '../protocol.js';

/** The frame's accessible name: what the form in it is for. */
export const FRAME_TITLES: Record<Mode, Record<Locale, string>> = {
  verify: { 'zh-CN': '银行卡验证', en: 'Bank card verification' },
  bind: { 'zh-CN': '绑定银行卡', en: 'Bind a bank card' },
  'verify-then-bind': { 'zh-CN': '验证并绑定银行卡', en: 'Verify and bind a bank card' },
};
