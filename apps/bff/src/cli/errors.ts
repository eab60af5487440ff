/** A failure the user can fix: printed as one line, no stack, exit code 1 (2 for usage). */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
