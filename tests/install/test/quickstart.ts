/**
 * docs/quickstart.md as steps: ```sh run``` blocks are commands run in order,
 * ```sh serve``` blocks start servers that keep running, and ```<lang>
 * file=<name>``` blocks are files written into the project.
 */
import { readFile } from 'node:fs/promises';
import { marked, type Tokens } from 'marked';
import { ROOT } from './packages.js';

export type Step =
  | { kind: 'run'; commands: string[] }
  | { kind: 'serve'; command: string }
  | { kind: 'file'; name: string; text: string };

export async function quickstartSteps(): Promise<Step[]> {
  const markdown = await readFile(`${ROOT}docs/quickstart.md`, 'utf8');
  const steps: Step[] = [];
  for (const token of marked.lexer(markdown)) {
    if (token.type !== 'code') continue;
    const code = token as Tokens.Code;
    const [lang, ...attributes] = (code.lang ?? '').split(/\s+/);
    const file = attributes.find((a) => a.startsWith('file='))?.slice('file='.length);
    if (file) steps.push({ kind: 'file', name: file, text: `${code.text}\n` });
    else if (lang === 'sh' && attributes.includes('run')) {
      steps.push({ kind: 'run', commands: code.text.split('\n').filter((l) => l.trim() && !l.startsWith('#')) });
    } else if (lang === 'sh' && attributes.includes('serve')) steps.push({ kind: 'serve', command: code.text.trim() });
    else throw new Error(`docs/quickstart.md: a code block the test does not know how to run: ${code.lang}`);
  }
  return steps;
}
