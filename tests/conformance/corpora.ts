import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared corpora live beside the repository (`../shared/corpora`), not in it. */
export const corporaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora');

export const haveCorpora = existsSync(path.join(corporaDir, 'miwg', 'Reference', 'C.9.0.bpmn')) && existsSync(path.join(corporaDir, 'bpmn-engine', 'timer-event.bpmn'));

export function readCorpus(relative: string): string {
  return readFileSync(path.join(corporaDir, relative), 'utf8');
}
