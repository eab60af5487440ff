import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identitiesMarkdown } from '../src/identities-markdown.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const BEGIN = '<!-- sandbox-identities:begin -->';
const END = '<!-- sandbox-identities:end -->';

describe('README', () => {
  it('shows the sandbox identity tables as the simulators know them (regenerate: pnpm --filter @cardbind/sandbox identities)', () => {
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + BEGIN.length, end).trim()).toBe(identitiesMarkdown());
  });
});
