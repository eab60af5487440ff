export declare function startDemo(options?: { merchantPort?: number; bffPort?: number; host?: string }): Promise<{
  url: string;
  bffUrl: string;
  simulators: Record<string, string>;
  faceid: import('@cardbind/sandbox').FaceIdSimulator;
  aggregate: import('@cardbind/sandbox').AggregatePaySimulator;
  logs: string[];
  webhooks: unknown[];
  close(): Promise<void>;
}>;
