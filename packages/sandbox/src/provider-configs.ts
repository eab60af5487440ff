import type { AggregatePayConfig } from '@cardbind/core/providers/aggregate-pay';
import type { AlibabaCloudauthConfig } from '@cardbind/core/providers/alibaba-cloudauth';
import type { RzConfig } from '@cardbind/core/providers/rz';
import type { TencentCsecConfig } from '@cardbind/core/providers/tencent-csec';
import type { TencentFaceIdConfig } from '@cardbind/core/providers/tencent-faceid';
import { AGG_CUSTOMERS, RZ_FOUR_ELEMENT_TYPE, RZ_MERCHANTS, SANDBOX_CREDENTIALS } from './identities.js';
import { SANDBOX_MERCHANT_RSA_PRIVATE_KEY, SANDBOX_RSA_PUBLIC_KEY } from './keys.js';
import { RZ_PATH } from './rz/app.js';

export interface SandboxUrls {
  'tencent-csec'?: string;
  'tencent-faceid'?: string;
  rz?: string;
  'aggregate-pay'?: string;
  'alibaba-cloudauth'?: string;
}

/**
 * Where `cardbind-sandbox` listens unless told otherwise: fixed, so that a configuration printed
 * once (`--print-config`, `cardbind init --staging`) stays true at every start.
 */
export const SANDBOX_PORTS = {
  'tencent-faceid': 8791,
  'tencent-csec': 8792,
  rz: 8793,
  'aggregate-pay': 8794,
  'alibaba-cloudauth': 8795,
} as const;

/** The simulators' base URLs on this machine at `ports`. */
export function sandboxUrls(ports: Record<keyof typeof SANDBOX_PORTS, number> = SANDBOX_PORTS): Required<SandboxUrls> {
  const at = (port: number) => `http://127.0.0.1:${port}`;
  return {
    'tencent-faceid': at(ports['tencent-faceid']),
    'tencent-csec': at(ports['tencent-csec']),
    rz: at(ports.rz),
    'aggregate-pay': at(ports['aggregate-pay']),
    'alibaba-cloudauth': at(ports['alibaba-cloudauth']),
  };
}

/**
 * Provider configurations that work against simulators at these base URLs (as
 * the CLI prints them), keyed by provider id: the BFF's `providers` block as is.
 */
export function sandboxProviderConfigs(urls: SandboxUrls) {
  const host = (url: string | undefined) => (url ? new URL(url).hostname : '127.0.0.1');
  return {
    'tencent-csec': {
      ...SANDBOX_CREDENTIALS.tencentCsec,
      endpoint: urls['tencent-csec'] ?? '',
    } satisfies TencentCsecConfig,
    'tencent-faceid': {
      ...SANDBOX_CREDENTIALS.tencentFaceid,
      endpoint: urls['tencent-faceid'] ?? '',
      encryptionPublicKey: SANDBOX_RSA_PUBLIC_KEY,
    } satisfies TencentFaceIdConfig,
    rz: {
      endpoint: urls.rz ? new URL(RZ_PATH, urls.rz).href : '',
      merchantNo: RZ_MERCHANTS.active.merchantNo,
      key: RZ_MERCHANTS.active.key,
      fourElementVerifyType: RZ_FOUR_ELEMENT_TYPE,
    } satisfies RzConfig,
    'aggregate-pay': {
      baseUrl: urls['aggregate-pay'] ?? '',
      customerNo: AGG_CUSTOMERS.md5.customerNo,
      md5Key: AGG_CUSTOMERS.md5.md5Key,
      platformPublicKey: SANDBOX_RSA_PUBLIC_KEY,
      merchantPrivateKey: SANDBOX_MERCHANT_RSA_PRIVATE_KEY,
      // The sandbox bank page is served over plain http on loopback.
      submitUrlPolicy: { allowedHosts: [host(urls['aggregate-pay'])], allowHttpLoopback: true },
    } satisfies AggregatePayConfig,
    'alibaba-cloudauth': {
      accessKeyId: SANDBOX_CREDENTIALS.alibabaCloudauth.secretId,
      accessKeySecret: SANDBOX_CREDENTIALS.alibabaCloudauth.secretKey,
      ...(urls['alibaba-cloudauth'] ? { endpoints: [urls['alibaba-cloudauth']] } : {}),
    } satisfies AlibabaCloudauthConfig,
  };
}

/** The BFF's `providerNames` for the simulators: the consent says they are the sandbox's. */
export const SANDBOX_PROVIDER_NAMES = {
  'tencent-faceid': { 'zh-CN': '腾讯云（沙箱）', en: 'Tencent Cloud (sandbox)' },
  'tencent-csec': { 'zh-CN': '腾讯云（沙箱）', en: 'Tencent Cloud (sandbox)' },
  rz: { 'zh-CN': 'RZ 认证（沙箱）', en: 'RZ verification (sandbox)' },
  'aggregate-pay': { 'zh-CN': '聚合支付服务商（沙箱）', en: 'the aggregated-pay service (sandbox)' },
  'alibaba-cloudauth': { 'zh-CN': '阿里云（沙箱）', en: 'Alibaba Cloud (sandbox)' },
};

/** The BFF's `routing` for the simulators: FaceID first, failing over to csec (3 elements) or RZ (4). */
export const SANDBOX_ROUTING = {
  verify2: ['tencent-faceid'],
  verify3: ['tencent-faceid', 'tencent-csec'],
  verify4: ['tencent-faceid', 'rz'],
  bindCard: ['aggregate-pay'],
};
