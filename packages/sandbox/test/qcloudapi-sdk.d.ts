// The old API 2.0 SDK ships no types: what the interop test uses of it.
declare module 'qcloudapi-sdk' {
  interface QcloudApiDefaults {
    SecretId: string;
    SecretKey: string;
    serviceType: string;
    protocol?: 'http' | 'https';
    method?: 'POST' | 'GET';
    signatureMethod?: 'sha1' | 'sha256';
  }
  export default class QcloudApi {
    constructor(defaults: QcloudApiDefaults);
    request(
      data: Record<string, string>,
      opts: Partial<QcloudApiDefaults> | undefined,
      callback: (error: Error | null, body: never) => void,
      extra?: Record<string, unknown>,
    ): void;
  }
}
