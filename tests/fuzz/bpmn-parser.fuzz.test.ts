import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError, parseBpmn } from '../../engine/index.js';

const complaint = readFileSync(new URL('./fixtures/complaint-intake.bpmn', import.meta.url), 'utf8');
/** Runs per property: enough to find a crash class, small enough for `npm test` (FUZZ_RUNS scales it). */
const runs = Number(process.env.FUZZ_RUNS ?? 150);

/** Parses and reports how it ended: a model, a refusal the user can read, or something else (a bug). */
async function outcome(xml: string): Promise<'model' | 'refused' | { unexpected: unknown }> {
  try {
    await parseBpmn(xml);
    return 'model';
  } catch (error) {
    if (error instanceof EngineError && typeof error.message === 'string' && error.message.length > 0) return 'refused';
    return { unexpected: error };
  }
}

/** Edits a real modeler file the way a broken tool, a truncated upload or an attacker would. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('<', '>', '</bpmn:process>', '<bpmn:task id="x">', '"', '&amp;', '&#0;', '&#xD800;', ']]>', '<![CDATA[', '<!--', '\u0000', '\uFFFF', 'xmlns:bpmn=""', '=${a}', 'zeebe:', '<zeebe:taskDefinition type="" retries="-1"/>')) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 300 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(xml: string, edit: Mutation): string {
  const at = edit.at % (xml.length + 1);
  switch (edit.kind) {
    case 'cut':
      return xml.slice(0, at) + xml.slice(at + edit.length);
    case 'insert':
      return xml.slice(0, at) + edit.text + xml.slice(at);
    case 'truncate':
      return xml.slice(0, at);
    case 'duplicate':
      return xml.slice(0, at) + xml.slice(at, at + edit.length) + xml.slice(at);
  }
}

describe('BPMN parser under hostile and broken input', () => {
  it('should parse the unmodified fixture (the mutations start from a working file)', async () => {
    // given the modeler file
    // when
    const result = await outcome(complaint);

    // then
    expect(result).toBe('model');
  });

  it('should either build a model or refuse with a readable engine error for any edit of a real file', async () => {
    // given random edits of a real modeler file
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
        // when
        const result = await outcome(edits.reduce(apply, complaint));

        // then
        expect(result === 'model' || result === 'refused').toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('should refuse arbitrary text, not crash', async () => {
    // given any string, including XML-ish noise
    const xmlish = fc.array(fc.constantFrom('<', '>', '/', '?', '!', 'bpmn:', 'definitions', ' xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"', '"', '=', 'a', '\n', '&', ';'), { maxLength: 60 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), xmlish), async (text) => {
        // when
        const result = await outcome(text);

        // then
        expect(result === 'model' || result === 'refused').toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it.each([
    ['billion laughs', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol3;</bpmn:definitions>'],
    ['external entity', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">&xxe;</bpmn:process></bpmn:definitions>'],
    ['parameter entity', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">%remote;]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>'],
    ['doctype after a comment', complaint.replace('<bpmn:definitions', '<!-- x --><!DOCTYPE bpmn:definitions SYSTEM "http://127.0.0.1:9/x.dtd"><bpmn:definitions')],
  ])('should refuse a %s with WF_PARSE', async (_name, xml) => {
    // given a document with a DTD
    // when
    const error = await parseBpmn(xml).then(
      () => null,
      (caught: unknown) => caught,
    );

    // then
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('WF_PARSE'); // narrowed by the assertion above
  });
});
