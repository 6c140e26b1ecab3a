import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EngineError, ValidationError } from '../errors.js';
import { parseBpmn } from './parse-bpmn.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corporaDir = path.resolve(repoRoot, '../shared/corpora');

function bpmnFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith('.bpmn')) found.push(full);
    }
  }
  return found.sort();
}

const files = existsSync(corporaDir) ? bpmnFilesUnder(corporaDir) : [];

describe('parseBpmn over the shared corpora (BPMN MIWG, bpmn-engine)', () => {
  if (files.length === 0) {
    it.skip(`should check every corpus model — skipped: no .bpmn files in ${corporaDir}`, () => {});
    return;
  }

  it.each(files.map((file) => [path.relative(corporaDir, file), file]))(
    'should deploy %s or refuse it with reasons naming elements or lines',
    async (_name, file) => {
      // given
      const xml = readFileSync(file, 'utf8');

      // when
      let outcome: unknown = null;
      try {
        await parseBpmn(xml);
      } catch (error) {
        outcome = error;
      }

      // then
      if (outcome === null) return;
      expect(outcome).toBeInstanceOf(EngineError);
      if (outcome instanceof ValidationError) {
        expect(outcome.problems.length).toBeGreaterThan(0);
        for (const problem of outcome.problems) {
          expect(problem.elementId !== null || problem.line !== undefined, problem.message).toBe(true);
          expect(problem.message).toContain(' / ');
        }
      } else if (outcome instanceof EngineError) {
        expect(outcome.code).toBe('WF_PARSE');
        expect(outcome.message).toContain(' / ');
      }
    },
  );

  it.each(['C.9.1', 'C.9.2'])("should deploy Camunda Modeler's own zeebe export %s", async (name) => {
    // given
    const file = path.join(corporaDir, 'miwg', 'Reference', `${name}.bpmn`);

    // when
    const model = await parseBpmn(readFileSync(file, 'utf8'));

    // then
    expect(model.processes.size).toBeGreaterThan(0);
  });
});
