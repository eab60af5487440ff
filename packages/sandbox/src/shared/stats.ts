/** Request counts a test can read to prove a call did (or did not) reach the provider. */
export class SimulatorStats {
  requests = 0;
  readonly byOperation = new Map<string, number>();

  record(operation: string): void {
    this.requests++;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }

  count(operation: string): number {
    return this.byOperation.get(operation) ?? 0;
  }
}
