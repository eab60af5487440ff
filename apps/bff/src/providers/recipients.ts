import type * as z from 'zod';
import type { Config } from '../config/schema.js';
import type { localizedName } from '../schemas.js';

export type Names = z.infer<typeof localizedName>;

/** The company behind each provider whose company is known: who receives the cardholder's data. */
const COMPANIES: Readonly<Record<string, Names>> = {
  'tencent-faceid': { 'zh-CN': '腾讯云', en: 'Tencent Cloud' },
  'tencent-csec': { 'zh-CN': '腾讯云', en: 'Tencent Cloud' },
  'alibaba-cloudauth': { 'zh-CN': '阿里云', en: 'Alibaba Cloud' },
};

/**
 * Every company a session's verifications may send the cardholder's data to, as routing (with its
 * failover) may use them, for the consent to name (PIPL asks for the recipient): `providerNames`,
 * else the companies known here. Undefined when one is not known: the form then names the
 * merchant's `provider` option (and `cardbind check` warns).
 */
export function recipientsFor(config: Config, operations: readonly string[]): Names[] | undefined {
  const ids = new Set(
    operations.flatMap((op) => (op.startsWith('verify') ? (config.routing[op as 'verify2'] ?? []) : [])),
  );
  const names: Names[] = [];
  for (const id of ids) {
    const company = config.providerNames[id] ?? COMPANIES[id];
    if (!company) return undefined;
    if (!names.some((n) => n.en === company.en)) names.push(company);
  }
  return names.length > 0 ? names : undefined;
}
