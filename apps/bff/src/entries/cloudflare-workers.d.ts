// The little of `cloudflare:workers` the Workers entry uses (the full types are
// @cloudflare/workers-types, which clash with Node's in this package).
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }
  export interface DurableObjectState {
    storage: import('../store/durable-object.js').DurableStorage;
  }
}

interface DurableObjectNamespace<Stub> {
  idFromName(name: string): unknown;
  get(id: unknown): Stub;
}
