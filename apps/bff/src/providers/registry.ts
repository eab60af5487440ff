import type { Provider } from '@cardbind/core/contract';
import { createAggregatePayProvider } from '@cardbind/core/providers/aggregate-pay';
import { createAlibabaCloudauthProvider } from '@cardbind/core/providers/alibaba-cloudauth';
import { createRzProvider } from '@cardbind/core/providers/rz';
import { createTencentCsecProvider } from '@cardbind/core/providers/tencent-csec';
import { createTencentFaceIdProvider } from '@cardbind/core/providers/tencent-faceid';
import type { Config } from '../config/schema.js';

/** One provider instance per configured provider, by id. */
export function buildProviders(config: Config): Map<string, Provider> {
  const p = config.providers;
  const all = new Map<string, Provider>();
  if (p['tencent-faceid']) {
    const { encryptionPublicKey, endpoint, ...rest } = p['tencent-faceid'];
    all.set(
      'tencent-faceid',
      createTencentFaceIdProvider({
        ...rest,
        ...(endpoint ? { endpoint } : {}),
        ...(encryptionPublicKey ? { encryptionPublicKey } : {}),
      }),
    );
  }
  if (p['tencent-csec']) {
    const { endpoint, ...rest } = p['tencent-csec'];
    all.set('tencent-csec', createTencentCsecProvider({ ...rest, ...(endpoint ? { endpoint } : {}) }));
  }
  if (p.rz) {
    const { fourElementVerifyType, ...rest } = p.rz;
    all.set('rz', createRzProvider({ ...rest, ...(fourElementVerifyType ? { fourElementVerifyType } : {}) }));
  }
  if (p['alibaba-cloudauth']) {
    const { securityToken, endpoints, ...rest } = p['alibaba-cloudauth'];
    all.set(
      'alibaba-cloudauth',
      createAlibabaCloudauthProvider({
        ...rest,
        ...(securityToken ? { securityToken } : {}),
        ...(endpoints ? { endpoints } : {}),
      }),
    );
  }
  if (p['aggregate-pay']) {
    const { md5Key, ...rest } = p['aggregate-pay'];
    // With an md5Key the messages are MD5-signed; without one, SHA256withRSA with the two RSA keys.
    const signing = md5Key ? { signType: 'MD5' as const, md5Key } : { signType: 'SHA256withRSA' as const };
    all.set('aggregate-pay', createAggregatePayProvider({ ...rest, ...signing }));
  }
  return all;
}
