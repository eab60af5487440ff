import { setPriority } from 'node:os';

/**
 * For the two tasks the test command waits on most: the browser suite (apps/demo, one file at a
 * time, the longest chain) and the BFF's three-instance QPS run (paced by the wall clock). Their
 * vitest process, and inherited every worker, browser and server it starts, runs at a higher CPU
 * priority than the suites beside them (nice -10: the weight nice 10 takes from a process, the
 * other way round), so on two cores the others' many workers no longer take most of the CPU from
 * them. Raising it needs CAP_SYS_NICE (root, outside most containers' defaults); without it the
 * suite runs at normal priority, only slower overall. The other suites are not lowered instead:
 * on a machine busy with other work, that starved them (a BFF test timed out beside two CPU
 * burners).
 */
export function onTheCriticalPath(): void {
  try {
    setPriority(-10);
  } catch {
    // Not allowed here: normal priority.
  }
}
