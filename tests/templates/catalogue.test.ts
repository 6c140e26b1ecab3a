import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readStartableBy } from '../../runtime/identity/start-permissions.js';
import { bylawSettings, defaultBylaw, formUrl, templateCatalogue, templateUrl, type BylawSettingKey } from '../../definitions/index.js';

const formsDir = new URL('../../definitions/forms/', import.meta.url);
const templateFiles = readdirSync(new URL('../../definitions/templates/', import.meta.url)).filter((n) => n.endsWith('.bpmn'));
const xmlOf = (key: string) => readFileSync(templateUrl(key), 'utf8');
const unique = (values: Iterable<string>) => [...new Set(values)].sort();

describe('definitions/index.ts: the template catalogue', () => {
  it('should list exactly the template files', () => {
    // then
    expect(unique(templateCatalogue.map((t) => `${t.key}.bpmn`))).toEqual(unique(templateFiles));
  });

  it.each(templateCatalogue.map((t) => [t.key, t] as const))('should name every form %s links, start form first', (key, entry) => {
    // given
    const xml = xmlOf(key);
    const linked = [...xml.matchAll(/formId="([^"]+)"/g)].map((m) => m[1] as string);

    // then
    expect(unique(entry.forms)).toEqual(unique(linked));
    expect(entry.forms.length).toBe(new Set(entry.forms).size);
    const startForm = /<bpmn:startEvent[^>]*>\s*<bpmn:extensionElements>\s*<zeebe:formDefinition formId="([^"]+)"/.exec(xml)?.[1];
    if (entry.startRoles.length > 0) expect(entry.forms[0]).toBe(startForm);
    else expect(startForm).toBeUndefined();
    for (const formId of entry.forms) expect(JSON.parse(readFileSync(formUrl(formId), 'utf8')).id).toBe(formId);
  });

  it.each(templateCatalogue.map((t) => [t.key, t] as const))('should let only the catalogue’s roles start %s (startableBy, as the runtime reads it)', async (key, entry) => {
    // when
    const startableBy = await readStartableBy(xmlOf(key), key);

    // then
    expect(startableBy).toEqual(entry.startRoles.length > 0 ? entry.startRoles : null);
  });

  it('should leave no form file unused', () => {
    // given
    const used = new Set(templateCatalogue.flatMap((t) => t.forms));

    // then
    const files = readdirSync(formsDir).filter((n) => n.endsWith('.form.json')).map((n) => n.replace(/\.form\.json$/, ''));
    expect(files.filter((f) => !used.has(f))).toEqual([]);
  });

  it.each(templateCatalogue.map((t) => [t.key, t] as const))('should state what %s calls, waits for and starts by itself', (key, entry) => {
    // given
    const xml = xmlOf(key);

    // then
    expect(unique(entry.calls)).toEqual(unique([...xml.matchAll(/calledElement processId="([^"]+)"/g)].map((m) => m[1] as string)));
    const messages = [...xml.matchAll(/<bpmn:message id="[^"]+" name="([^"]+)">\s*<bpmn:extensionElements>\s*<zeebe:subscription correlationKey="=([^"]+)"/g)].map((m) => `${m[1]}|${m[2]}`);
    expect(unique(entry.messages.map((m) => `${m.name}|${m.correlationKey}`))).toEqual(unique(messages));
    const cycle = /<bpmn:timeCycle[^>]*>([^<]+)<\/bpmn:timeCycle>/.exec(xml)?.[1];
    expect(entry.startsItself).toBe(cycle);
  });

  it.each(templateCatalogue.map((t) => [t.key, t] as const))('should list the bylaw settings %s reads, with the defaults its FEEL uses', (key, entry) => {
    // given
    const xml = xmlOf(key).replace(/&#34;/g, '"');
    const direct = unique([...xml.matchAll(/bylaw\.(\w+)/g)].map((m) => m[1] as string));
    const viaCalls = entry.calls.flatMap((called) => templateCatalogue.find((t) => t.key === called)?.bylawSettings ?? []);

    // then
    for (const setting of direct) {
      expect(entry.bylawSettings).toContain(setting);
      expect(xml).toContain(`bylaw.${setting} = null then ${bylawSettings[setting as BylawSettingKey].feel} else`);
    }
    expect(unique(entry.bylawSettings)).toEqual(unique([...direct, ...viaCalls]));
  });

  it('should give the Civil Code art. 278 defaults for owner votes', () => {
    // then
    expect(defaultBylaw()).toMatchObject({ participationRatio: 2 / 3, specialApprovalRatio: 3 / 4, ordinaryApprovalRatio: 1 / 2 });
  });
});
