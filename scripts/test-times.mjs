// Where the test command's time went: run after `turbo run … --summarize` (the README's test
// command does), it reads that run's summary (.turbo/runs/) for each task's start and duration,
// and each package's test log (<package>/.turbo/turbo-test*.log) for its slowest files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = join(root, '.turbo/runs');
if (!existsSync(runs)) {
  console.log('test-times: no turbo run summary (.turbo/runs) to read');
  process.exit(0);
}
const latest = readdirSync(runs)
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(runs, f))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
const summary = JSON.parse(readFileSync(latest, 'utf8'));
const tasks = summary.tasks.filter((t) => t.execution);
const t0 = Math.min(...tasks.map((t) => t.execution.startTime));
const t1 = Math.max(...tasks.map((t) => t.execution.endTime));
const s = (ms) => (ms / 1000).toFixed(1);
console.log(`\nTest command: ${s(t1 - t0)} s of turbo tasks (the slow ones, by when each started):`);
console.table(
  tasks
    .filter((t) => t.execution.endTime - t.execution.startTime >= 3000 || t.cache?.status === 'MISS')
    .sort((a, b) => a.execution.startTime - b.execution.startTime)
    .map((t) => ({
      task: t.taskId,
      'started s': s(t.execution.startTime - t0),
      'took s': s(t.execution.endTime - t.execution.startTime),
      cache: t.cache?.status ?? '',
    })),
);

// The slowest test files, from the packages' vitest output as turbo logged it.
const files = [];
for (const task of tasks.filter((t) => /#test(:alone)?$/.test(t.taskId))) {
  // turbo names a task's log after it, its colon written `$colon$` (test:alone).
  const path = join(root, task.directory, '.turbo', `turbo-${task.task.replace(':', '$colon$')}.log`);
  if (!existsSync(path)) continue;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the logs' colour codes.
  const text = readFileSync(path, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  for (const m of text.matchAll(/^\s*[✓×❯↓]\s+(\S+\.test\.ts)\s+\((\d+) tests?[^)]*\)\s+(\d+)ms/gm)) {
    files.push({ package: task.package, file: m[1], tests: Number(m[2]), 's (file)': s(Number(m[3])) });
  }
}
files.sort((a, b) => Number(b['s (file)']) - Number(a['s (file)']));
if (files.length) {
  console.log('The slowest test files (their own time; files of one package run beside each other):');
  console.table(files.slice(0, 15));
}
