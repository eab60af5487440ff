import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that start processes (a BFF killed mid-call, the CLI, other runtimes, a Redis
 * cluster, the malformed corpus) take 10–140 s each, most files well under one: they go first,
 * so that the three workers end together instead of one starting a crash test last. Within each
 * part, vitest's own order: longest first by the durations it remembers, by size on a fresh clone
 * (which put the 3 kB crash tests last).
 */
const LONG = /\/test\/(process|cli|entries)\/|\/test\/store\/redis\/cluster\.test|\/test\/http\/validate\.test/;

export class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => LONG.test(f.moduleId)), ...sorted.filter((f) => !LONG.test(f.moduleId))];
  }
}
