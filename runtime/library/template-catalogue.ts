import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A sub-district template as the library offers it: the process it defines and its content hash. */
export interface TemplateEntry {
  /** The process id in the file, which becomes the community's process key. */
  readonly key: string;
  readonly name: string;
  /** Short content hash: a new hash is a new template version. */
  readonly hash: string;
  readonly xml: string;
}

const processTag = /<(?:[A-Za-z_][\w.-]*:)?process\b([^>]*)>/;

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] ?? null;
}

/** The id of the (first) process a BPMN file defines, as the library keys templates. */
export function processKeyOf(xml: string): string | null {
  return attribute(processTag.exec(xml)?.[1] ?? '', 'id');
}

/** The template's content hash as the library compares it. */
export function templateHash(xml: string): string {
  return createHash('sha256').update(xml).digest('hex').slice(0, 12);
}

/**
 * Reads the sub-district templates (`<definitionsDir>/templates/**.bpmn`) from disk on each call,
 * so a template published by the sub-district shows up without a restart.
 */
export async function readTemplates(definitionsDir: string): Promise<TemplateEntry[]> {
  const dir = path.join(definitionsDir, 'templates');
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).map(String).filter((name) => name.endsWith('.bpmn')).sort();
  } catch {
    return [];
  }
  const entries: TemplateEntry[] = [];
  for (const name of names) {
    const xml = await readFile(path.join(dir, name), 'utf8');
    const key = processKeyOf(xml);
    if (key === null) continue;
    entries.push({ key, name: attribute(processTag.exec(xml)?.[1] ?? '', 'name') ?? key, hash: templateHash(xml), xml });
  }
  return entries;
}

/** Form ids the sub-district's files may have: they name a file, so nothing that could leave the folder. */
const formIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** The sub-district's form `<definitionsDir>/forms/<id>.form.json`, or null when it has none. */
export async function readSubDistrictForm(definitionsDir: string, formId: string): Promise<string | null> {
  if (!formIdPattern.test(formId)) return null;
  try {
    return await readFile(path.join(definitionsDir, 'forms', `${formId}.form.json`), 'utf8');
  } catch {
    return null;
  }
}
