import { readFileSync } from 'node:fs';

/** Reads a `.bpmn` fixture kept beside the parser tests (test helper only). */
export function loadFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
