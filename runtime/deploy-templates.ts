import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalFormDefinition } from './forms/form-schema.js';
import { LibraryStore } from './library/library-store.js';
import { processKeyOf, templateHash } from './library/template-catalogue.js';
import { hasDefinition } from './services/has-definition.js';
import type { SqlWorkflowService } from './services/sql-workflow-service.js';
import type { DefinitionKind } from './services/workflow-service.js';

/** The part of a pino logger start-up uses. */
export interface TemplateLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** The demo community, which starts with every shipped template and form. */
export const templateCommunity = 'demo';

/**
 * Seeds the demo community from `dir`: every `*.form.json` and then every `*.bpmn` (forms first,
 * so processes that link them find them) that the community does not have yet. A process or form
 * it already has is left alone, even when the shipped file changed: the secretary may have
 * customised it, and a new template version reaches her through the process library
 * (「模板有更新」, adopted by her), never by a restart. Each seeded process is recorded in the
 * library as a copy of its template. A broken file is logged and skipped rather than stopping
 * the server. Returns how many definitions were deployed.
 */
export async function deployTemplates(service: SqlWorkflowService, dir: string, log: TemplateLog): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).map(String);
  } catch {
    log.info({ dir }, '没有模板目录 / no templates folder');
    return 0;
  }
  const pick = (suffix: string) => names.filter((name) => name.endsWith(suffix)).sort();
  const files: { name: string; kind: DefinitionKind }[] = [
    ...pick('.form.json').map((name) => ({ name, kind: 'form' as const })),
    ...pick('.form').map((name) => ({ name, kind: 'form' as const })),
    ...pick('.bpmn').map((name) => ({ name, kind: 'bpmn' as const })),
  ];
  const library = new LibraryStore(service.db);
  let deployed = 0;
  let kept = 0;
  for (const file of files) {
    try {
      const text = await readFile(path.join(dir, file.name), 'utf8');
      const content = file.kind === 'form' ? canonicalFormDefinition(text) : text;
      const key = file.kind === 'form' ? formIdOf(content) : processKeyOf(content);
      if (key !== null && (await hasDefinition(service, templateCommunity, file.kind, key))) {
        kept += 1;
        continue;
      }
      const result = await service.deployDefinition({ community: templateCommunity, userId: 'system', kind: file.kind, content });
      if (!result.unchanged) deployed += 1;
      if (file.kind === 'bpmn') {
        for (const definition of result.definitions) {
          await library.update(templateCommunity, 'processes', definition.key, (record) => (record.templateKey !== null ? record : { ...record, templateKey: definition.key, templateHash: templateHash(text) }));
        }
      }
    } catch (error) {
      log.warn({ file: file.name, err: error }, '模板部署失败 / template could not be deployed');
    }
  }
  log.info({ deployed, kept, files: files.length }, '模板已部署 / templates deployed');
  return deployed;
}

/** A canonical form definition's id (canonicalFormDefinition has checked it is a JSON object). */
function formIdOf(canonical: string): string | null {
  const id = (JSON.parse(canonical) as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}
