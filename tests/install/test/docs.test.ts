/**
 * The docs a user reads stand alone: every relative link in a Markdown file
 * points at a file in the repository (and an anchor at a heading there), and
 * none leaves it for the team's private notes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { ROOT } from './packages.js';
import { sh } from './processes.js';

const files = (await sh('git ls-files --cached --others --exclude-standard "*.md"', ROOT, process.env)).stdout
  .split('\n')
  .filter(Boolean);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

function links(markdown: string): string[] {
  const found: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'link' || token.type === 'image') found.push((token as Tokens.Link).href);
  });
  return found;
}

function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'heading') found.add(slug((token as Tokens.Heading).text.replace(/`/g, '')));
  });
  return found;
}

describe('documentation links', () => {
  it('there are the guides a merchant needs, and a README for every package', () => {
    for (const doc of ['quickstart', 'widget', 'api', 'configuration', 'going-live', 'architecture']) {
      expect(files).toContain(`docs/${doc}.md`);
    }
    for (const pkg of [
      'packages/core',
      'packages/sandbox',
      'packages/widget',
      'packages/client',
      'apps/bff',
      'apps/demo',
    ]) {
      expect(files).toContain(`${pkg}/README.md`);
    }
  });

  it.each(files)('%s: every relative link resolves inside the repository', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(text).not.toMatch(/\.\.\/shared|shared\/specs|DESIGN\.md/);
    for (const href of links(text)) {
      if (/^[a-z]+:/i.test(href)) continue;
      const [path = '', anchor] = href.split('#');
      const target = path === '' ? join(ROOT, file) : join(dirname(join(ROOT, file)), decodeURIComponent(path));
      expect(relative(ROOT, target).startsWith('..'), `${href} leaves the repository`).toBe(false);
      expect(existsSync(target), `${href} does not exist`).toBe(true);
      if (anchor && target.endsWith('.md')) {
        expect([...anchors(readFileSync(target, 'utf8'))], `${href}: no such heading`).toContain(anchor);
      }
    }
  });
});
