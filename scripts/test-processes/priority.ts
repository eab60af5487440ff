import { constants, setPriority } from 'node:os';

/**
 * For a suite off the test command's critical path: below-normal CPU priority for its vitest
 * process and, inherited, every worker and process it starts. On two cores the suites run side
 * by side and the browser suite (apps/demo, one file at a time) is the longest chain; at normal
 * priority the others' many workers took most of the CPU from it. At lower priority they still
 * get every cycle it does not use.
 */
export function offTheCriticalPath(): void {
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not allowed here (some containers): the suite runs at normal priority, only slower overall.
  }
}
