/** Where each test file's answer count goes (a directory the global setup makes and reads). */
export const ANSWERS_DIR_ENV = 'CARDBIND_TEST_ANSWERS_DIR';

/**
 * The answers a file's BFFs held to their routes' declarations (`checkAnswers`), from their
 * request log lines: how many, and the problems of those that broke them.
 */
export function answersIn(logs: readonly string[]): { checked: number; unchecked: number; undeclared: string[] } {
  let checked = 0;
  let unchecked = 0;
  const undeclared: string[] = [];
  for (const line of logs) {
    if (!line.includes('"answer":"')) {
      // A request's log line without the check: a BFF run without `checkAnswers`.
      if (line.includes('"event":"request"')) unchecked++;
      continue;
    }
    checked++;
    if (line.includes('"answer":"undeclared"')) undeclared.push(/"answerProblem":"([^"]*)"/.exec(line)?.[1] ?? line);
  }
  return { checked, unchecked, undeclared };
}
