export declare function startDemo(options?: {
  merchantPort?: number;
  bffPort?: number;
  host?: string;
  extraOrigins?: string[];
  /** The BFF's `webhooks` configuration (retries, attempts). */
  webhooks?: Record<string, number>;
  /** The BFF's clock (tests move it forward); the real one otherwise. */
  now?: () => number;
}): Promise<{
  url: string;
  bffUrl: string;
  apiKey: string;
  /** Opens the operations page (`${bffUrl}/ops`). */
  operatorKey: string;
  merchantId: string;
  simulators: Record<string, string>;
  faceid: import('@cardbind/sandbox').FaceIdSimulator;
  csec: import('@cardbind/sandbox').CsecSimulator;
  aggregate: import('@cardbind/sandbox').AggregatePaySimulator;
  logs: string[];
  webhooks: unknown[];
  /** `down = true`: the merchant's webhook endpoint answers 503. */
  webhookEndpoint: { down: boolean };
  close(): Promise<void>;
}>;
