import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalFormDefinition } from './forms/form-schema.js';
import type { DefinitionKind, WorkflowService } from './services/workflow-service.js';

/** The part of a pino logger start-up uses. */
export interface TemplateLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** The community that receives the shipped templates until issue 5 adds the template library. */
export const templateCommunity = 'demo';

/**
 * Deploys every `*.form.json` and then every `*.bpmn` under `dir` (forms first, so processes
 * that link them find them). Unchanged files make no new version; a broken template is logged
 * and skipped rather than stopping the server.
 */
export async function deployTemplates(service: WorkflowService, dir: string, log: TemplateLog): Promise<number> {
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
  let deployed = 0;
  for (const file of files) {
    try {
      const text = await readFile(path.join(dir, file.name), 'utf8');
      const content = file.kind === 'form' ? canonicalFormDefinition(text) : text;
      const result = await service.deployDefinition({ community: templateCommunity, userId: 'system', kind: file.kind, content });
      if (!result.unchanged) deployed += 1;
    } catch (error) {
      log.warn({ file: file.name, err: error }, '模板部署失败 / template could not be deployed');
    }
  }
  log.info({ deployed, files: files.length }, '模板已部署 / templates deployed');
  return deployed;
}
