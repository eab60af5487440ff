/**
 * Tencent's HMAC signature over sorted parameters: API 2.0's (csec) and API
 * 3.0's older method ("签名方法 v1", which the real endpoints still take for a
 * GET or a form-encoded POST), `SignatureMethod` HmacSHA1 or HmacSHA256.
 * Written here from Tencent's public description, apart from core's signers,
 * so the simulators check clients against the spec, not against our own code:
 *
 *   string to sign = METHOD + host + path + "?" + k1=v1&k2=v2…
 *     (every parameter but Signature, `_` in names read as `.`, sorted by
 *     name in byte order, values as they are, not URL-encoded)
 *   Signature = Base64(HMAC-SHA1 or HMAC-SHA256(SecretKey, string to sign))
 */

/** The parameters every v1 request carries beside the action's own. */
export const V1_COMMON_PARAMETERS = new Set([
  'Action',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Version',
  'Token',
  'Language',
  // Sent by Tencent's SDKs, and signed like the others.
  'RequestClient',
]);

const HASHES = { HmacSHA1: 'SHA-1', HmacSHA256: 'SHA-256' } as const;
export type V1SignatureMethod = keyof typeof HASHES;

export function isV1SignatureMethod(value: string): value is V1SignatureMethod {
  return Object.hasOwn(HASHES, value);
}

export function v1StringToSign(method: string, host: string, path: string, params: Map<string, string>): string {
  const signed = [...params]
    .filter(([name]) => name !== 'Signature')
    // Names are signed with `_` read as `.`; values as they are.
    .map(([name, value]) => [name.replaceAll('_', '.'), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${method.toUpperCase()}${host}${path}?${signed.map(([name, value]) => `${name}=${value}`).join('&')}`;
}

export async function v1Signature(secretKey: string, method: V1SignatureMethod, stringToSign: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secretKey),
    { name: 'HMAC', hash: HASHES[method] },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(stringToSign)));
  return btoa(String.fromCharCode(...mac));
}

const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The action's parameters from the flat ones of a query or a form (v1, or a TC3 GET):
 * `Encryption.EncryptList.0=Name` becomes `{ Encryption: { EncryptList: ['Name'] } }`, the
 * common parameters are left out, and values stay strings, as sent.
 */
export function nestedParameters(params: Map<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  // Kept as one flat, own name, so that it is refused as an unknown parameter: a name aimed at an
  // object's prototype, or one that nests under a parameter already given a plain value.
  const flat = (name: string, value: string) =>
    Object.defineProperty(root, name, { value, enumerable: true, writable: true, configurable: true });
  for (const [name, value] of params) {
    if (V1_COMMON_PARAMETERS.has(name)) continue;
    const path = name.split('.');
    if (path.some((segment) => UNSAFE_SEGMENTS.has(segment))) {
      flat(name, value);
      continue;
    }
    let node: Record<string, unknown> = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as string;
      if (i === path.length - 1) {
        node[segment] = value;
        break;
      }
      // (An array's index is its property name: `EncryptList.0` needs no conversion.)
      node[segment] ??= /^\d+$/.test(path[i + 1] as string) ? [] : {};
      const next = node[segment];
      if (typeof next !== 'object' || next === null) {
        flat(name, value);
        break;
      }
      node = next as Record<string, unknown>;
    }
  }
  return root;
}
