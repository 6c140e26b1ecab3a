import { readFileSync } from 'node:fs';

/** Reads a `.bpmn` fixture kept beside the parser tests in engine/parse/fixtures (tests only: the engine does no I/O). */
export function loadFixture(name: string): string {
  return readFileSync(new URL(`../../engine/parse/fixtures/${name}`, import.meta.url), 'utf8');
}
