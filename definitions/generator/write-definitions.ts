/**
 * Writes `definitions/templates/*.bpmn` and `definitions/forms/*.form.json` from the specs.
 * Run: `npx tsx definitions/generator/write-definitions.ts`. The output is plain BPMN / form-js
 * JSON; once a community edits a copy in the designer, the copy is what counts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { templateCatalogue } from '../index.js';
import { allSpecs } from './all-specs.js';
import { renderBpmn } from './render-bpmn.js';

const root = new URL('../', import.meta.url);
mkdirSync(new URL('templates/', root), { recursive: true });
mkdirSync(new URL('forms/', root), { recursive: true });
for (const { spec, forms } of allSpecs) {
  // Who may start a case comes from the catalogue, so the two cannot disagree.
  const startRoles = templateCatalogue.find((t) => t.key === spec.id)?.startRoles ?? [];
  const withStarters = startRoles.length > 0 ? { ...spec, properties: { ...spec.properties, startableBy: startRoles.join(',') } } : spec;
  writeFileSync(new URL(`templates/${spec.id}.bpmn`, root), renderBpmn(withStarters));
  for (const f of forms) writeFileSync(new URL(`forms/${String(f['id'])}.form.json`, root), `${JSON.stringify(f, null, 2)}\n`);
  console.log(`${spec.id}: ${forms.length} forms`);
}
