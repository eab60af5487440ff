export declare function startDemo(options?: {
  merchantPort?: number;
  bffPort?: number;
  host?: string;
  extraOrigins?: string[];
}): Promise<{
  url: string;
  bffUrl: string;
  apiKey: string;
  merchantId: string;
  simulators: Record<string, string>;
  faceid: import('@cardbind/sandbox').FaceIdSimulator;
  aggregate: import('@cardbind/sandbox').AggregatePaySimulator;
  logs: string[];
  webhooks: unknown[];
  close(): Promise<void>;
}>;
