/**
 * docs/quickstart.md as steps: ```sh pack``` blocks are commands run in the
 * clone of this repository, ```sh install``` is the `npm install` line that
 * `pack:all` prints (shown with a placeholder path), ```sh run``` blocks are
 * commands run in order in the shop, ```sh serve``` blocks start servers that
 * keep running, and ```<lang> file=<name>``` blocks are files written into it.
 */
import { readFile } from 'node:fs/promises';
import { marked, type Tokens } from 'marked';
import { ROOT } from './packages.js';

export type Step =
  | { kind: 'pack'; commands: string[] }
  | { kind: 'install'; command: string }
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
    const commands = code.text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    if (file) steps.push({ kind: 'file', name: file, text: `${code.text}\n` });
    else if (lang === 'sh' && attributes.includes('pack')) steps.push({ kind: 'pack', commands });
    else if (lang === 'sh' && attributes.includes('install'))
      steps.push({ kind: 'install', command: code.text.trim() });
    else if (lang === 'sh' && attributes.includes('run')) steps.push({ kind: 'run', commands });
    else if (lang === 'sh' && attributes.includes('serve')) steps.push({ kind: 'serve', command: code.text.trim() });
    else throw new Error(`docs/quickstart.md: a code block the test does not know how to run: ${code.lang}`);
  }
  return steps;
}
