import { canonicalFormDefinition } from '../forms/form-schema.js';
import { hasDefinition } from '../services/has-definition.js';
import type { Acting, DefinitionVersion, DeployResult, Scoped, WorkflowService } from '../services/workflow-service.js';
import { elementDiff, type ElementDiff } from './element-diff.js';
import { conditionExpressions, feelVariableNames, fieldKeyProblems, formFields, linkedFormIds } from './form-fields.js';
import { countCases, scanInstances, type CaseCounts } from './instance-scan.js';
import { libraryErrors } from './library-errors.js';
import type { Draft, LibraryRecord, LibraryStore } from './library-store.js';
import { readSubDistrictForm, readTemplates, type TemplateEntry } from './template-catalogue.js';

export interface VersionRow extends CaseCounts {
  readonly version: number;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface ProcessRow {
  readonly key: string;
  readonly name: string | null;
  /** null while only a draft exists. */
  readonly latestVersion: number | null;
  readonly versions: VersionRow[];
  readonly template: { readonly key: string; readonly name: string; readonly updateAvailable: boolean } | null;
  readonly draft: DraftStamp | null;
}

export interface EditableContent {
  readonly key: string;
  readonly content: string;
  /** Where the content comes from: the saved draft, or the latest published version. */
  readonly source: 'draft' | 'published';
  readonly publishedVersion: number | null;
  /** The library record's revision the editor sends back with its next save or publish. */
  readonly revision: number;
  /** Who saved the draft when (null when the content is the published version). */
  readonly draft: DraftStamp | null;
}

/** Who saved a draft when, and the record's revision after that save. */
export interface DraftStamp {
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface SavedDraft extends DraftStamp {
  readonly revision: number;
}

/** Refuses a save or publish made from an editor opened before the record last changed. */
function checkRevision(key: string, record: LibraryRecord, expected: number | undefined): void {
  if (expected !== undefined && expected !== record.revision) throw libraryErrors.staleDraft(key, record);
}

export interface TemplateUpdate {
  readonly templateKey: string;
  readonly templateName: string;
  readonly current: string;
  readonly template: string;
  readonly diff: ElementDiff;
}

function stampOf(draft: Draft | null): DraftStamp | null {
  return draft === null ? null : { updatedBy: draft.updatedBy, updatedAt: draft.updatedAt };
}

/** Options of the library: the workflow service, the draft store and where templates live. */
export interface LibraryDeps {
  readonly workflow: WorkflowService;
  readonly store: LibraryStore;
  readonly definitionsDir: string;
  readonly now?: () => Date;
}

/**
 * The per-community process and form library (issue 7): processes in use with their versions
 * and case counts, copies of sub-district templates, drafts, publishing, template updates, and
 * the guard that keeps published conditions' form fields in place.
 */
export class LibraryService {
  constructor(private readonly deps: LibraryDeps) {}

  private stamp(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  async templates(): Promise<TemplateEntry[]> {
    return readTemplates(this.deps.definitionsDir);
  }

  async template(key: string): Promise<TemplateEntry> {
    const found = (await this.templates()).find((entry) => entry.key === key);
    if (found === undefined) throw libraryErrors.templateNotFound(key);
    return found;
  }

  private async versions(scope: Scoped, kind: 'bpmn' | 'form', key: string): Promise<DefinitionVersion[]> {
    try {
      const page = await this.deps.workflow.listDefinitionVersions({ ...scope, kind, key, limit: 200 });
      return [...page.items];
    } catch (error) {
      if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'WF_NOT_FOUND') return [];
      throw error;
    }
  }

  /** The community's processes: deployed ones and draft-only ones, with versions and case counts. */
  async processes(scope: Scoped): Promise<ProcessRow[]> {
    const { workflow, store } = this.deps;
    const [deployed, records, templates] = await Promise.all([
      workflow.listDefinitions({ ...scope, kind: 'bpmn', limit: 200 }),
      store.all(scope.community, 'processes'),
      this.templates(),
    ]);
    const keys = new Set([...deployed.items.map((item) => item.key), ...Object.keys(records)]);
    const rows: ProcessRow[] = [];
    for (const key of [...keys].sort()) {
      const summary = deployed.items.find((item) => item.key === key);
      const record = records[key];
      const versions = summary === undefined ? [] : await this.versions(scope, 'bpmn', key);
      const instances = summary === undefined ? [] : await scanInstances(workflow, { ...scope, processKey: key });
      const template = record?.templateKey ? templates.find((entry) => entry.key === record.templateKey) : undefined;
      rows.push({
        key,
        name: summary?.name ?? template?.name ?? null,
        latestVersion: summary?.latest.version ?? null,
        versions: versions
          .sort((a, b) => b.version - a.version)
          .map((version) => ({
            version: version.version,
            deployedBy: version.deployedBy,
            deployedAt: version.deployedAt,
            ...countCases(instances.filter((instance) => instance.definitionVersion === version.version)),
          })),
        template:
          template === undefined || record === undefined
            ? null
            : { key: template.key, name: template.name, updateAvailable: record.templateHash !== template.hash },
        draft: stampOf(record?.draft ?? null),
      });
    }
    return rows;
  }

  /** "基于模板创建": copies the template into the community as a draft. */
  async createFromTemplate(actor: Acting, templateKey: string): Promise<EditableContent> {
    const template = await this.template(templateKey);
    const deployed = await this.versions(actor, 'bpmn', template.key);
    const saved = await this.deps.store.update(actor.community, 'processes', template.key, (existing) => {
      if (existing.draft !== null || (deployed.length > 0 && existing.templateKey !== null)) throw libraryErrors.alreadyInLibrary(template.key);
      return { templateKey: template.key, templateHash: template.hash, draft: { content: template.xml, updatedBy: actor.userId, updatedAt: this.stamp() } };
    });
    const latest = deployed.reduce<number | null>((max, version) => (max === null || version.version > max ? version.version : max), null);
    return { key: template.key, content: template.xml, source: 'draft', publishedVersion: latest, revision: saved.revision, draft: stampOf(saved.draft) };
  }

  /** What the editor opens: the draft if there is one, else the latest published version. */
  async editable(scope: Scoped, kind: 'processes' | 'forms', key: string): Promise<EditableContent> {
    const record = await this.deps.store.get(scope.community, kind, key);
    const definitionKind = kind === 'processes' ? 'bpmn' : 'form';
    const versions = await this.versions(scope, definitionKind, key);
    const latest = versions.reduce<number | null>((max, version) => (max === null || version.version > max ? version.version : max), null);
    if (record.draft !== null) return { key, content: record.draft.content, source: 'draft', publishedVersion: latest, revision: record.revision, draft: stampOf(record.draft) };
    if (latest === null) throw libraryErrors.nothingToEdit(key);
    const definition = await this.deps.workflow.getDefinition({ ...scope, kind: definitionKind, key, version: latest });
    return { key, content: definition.content, source: 'published', publishedVersion: latest, revision: record.revision, draft: null };
  }

  /**
   * Saves the draft. With `revision` (what the editor opened) a save over someone else's later
   * save, publish or discard is refused with 409 naming who saved when; without it the last
   * save wins.
   */
  async saveDraft(actor: Acting, kind: 'processes' | 'forms', key: string, content: string, revision?: number): Promise<SavedDraft> {
    const updatedAt = this.stamp();
    const record = await this.deps.store.update(actor.community, kind, key, (old) => {
      checkRevision(key, old, revision);
      return { ...old, draft: { content, updatedBy: actor.userId, updatedAt } };
    });
    return { updatedBy: actor.userId, updatedAt, revision: record.revision };
  }

  async discardDraft(actor: Acting, kind: 'processes' | 'forms', key: string): Promise<void> {
    await this.deps.store.update(actor.community, kind, key, (old) => ({ ...old, draft: null }));
  }

  /** Refuses (409) when `revision` is given and the record changed since the editor opened it. */
  private async checkCurrent(scope: Scoped, kind: 'processes' | 'forms', key: string, revision: number | undefined): Promise<void> {
    if (revision === undefined) return;
    checkRevision(key, await this.deps.store.get(scope.community, kind, key), revision);
  }

  /**
   * Deploys a new process version (running cases stay on theirs) and clears the draft. Forms it
   * links that the community lacks (a community copying a template has none of its forms yet)
   * are deployed from the sub-district's forms first; a linked form found nowhere refuses the
   * publish, naming it, before anything is deployed.
   */
  async publishProcess(actor: Acting, key: string, xml: string, revision?: number): Promise<DeployResult> {
    await this.checkCurrent(actor, 'processes', key, revision);
    const missing: { formId: string; shipped: string | null }[] = [];
    for (const formId of linkedFormIds(xml)) {
      if (!(await hasDefinition(this.deps.workflow, actor.community, 'form', formId))) missing.push({ formId, shipped: await readSubDistrictForm(this.deps.definitionsDir, formId) });
    }
    const unknown = missing.filter((form) => form.shipped === null).map((form) => form.formId);
    if (unknown.length > 0) throw libraryErrors.formsMissing(unknown);
    for (const form of missing) {
      if (form.shipped !== null) await this.deps.workflow.deployDefinition({ ...actor, kind: 'form', content: canonicalFormDefinition(form.shipped), key: form.formId });
    }
    const result = await this.deps.workflow.deployDefinition({ ...actor, kind: 'bpmn', content: xml });
    await this.deps.store.update(actor.community, 'processes', key, (old) => ({ ...old, draft: null }));
    return result;
  }

  /**
   * Deploys a new form version unless it drops a field that a condition of a published process
   * linking this form reads: that would silently break running branches.
   */
  async publishForm(actor: Acting, key: string, schemaText: string, canonical: (text: string) => string, revision?: number): Promise<DeployResult> {
    await this.checkCurrent(actor, 'forms', key, revision);
    let schema: unknown;
    try {
      schema = JSON.parse(schemaText);
    } catch {
      throw libraryErrors.invalidForm('不是 JSON / not JSON');
    }
    const keyProblems = fieldKeyProblems(schema);
    if (keyProblems.length > 0) {
      throw libraryErrors.invalidForm(keyProblems.map((problem) => `${problem.key}：${problem.problem === 'duplicate' ? '键重复 / duplicate key' : '键无效 / invalid key'}`).join('；'));
    }
    const uses = await this.removedFieldsInUse(actor, key, new Set(formFields(schema).map((field) => field.key)));
    if (uses.length > 0) throw libraryErrors.fieldInUse(uses);
    const result = await this.deps.workflow.deployDefinition({ ...actor, kind: 'form', content: canonical(schemaText), key });
    await this.deps.store.update(actor.community, 'forms', key, (old) => ({ ...old, draft: null }));
    return result;
  }

  private async removedFieldsInUse(scope: Scoped, formKey: string, kept: ReadonlySet<string>): Promise<{ field: string; processKey: string }[]> {
    const versions = await this.versions(scope, 'form', formKey);
    const latest = versions.reduce<number | null>((max, version) => (max === null || version.version > max ? version.version : max), null);
    if (latest === null) return [];
    const current = await this.deps.workflow.getDefinition({ ...scope, kind: 'form', key: formKey, version: latest });
    const removed = formFields(JSON.parse(current.content)).map((field) => field.key).filter((field) => !kept.has(field));
    if (removed.length === 0) return [];
    const processes = await this.deps.workflow.listDefinitions({ ...scope, kind: 'bpmn', limit: 200 });
    const uses: { field: string; processKey: string }[] = [];
    for (const summary of processes.items) {
      const process = await this.deps.workflow.getDefinition({ ...scope, kind: 'bpmn', key: summary.key });
      if (!linkedFormIds(process.content).includes(formKey)) continue;
      const read = new Set(conditionExpressions(process.content).flatMap(feelVariableNames));
      for (const field of removed) if (read.has(field)) uses.push({ field, processKey: summary.key });
    }
    return uses;
  }

  /** The newer template beside the community's current model, with the element diff. */
  async templateUpdate(scope: Scoped, key: string): Promise<TemplateUpdate> {
    const record = await this.deps.store.get(scope.community, 'processes', key);
    if (record.templateKey === null) throw libraryErrors.nothingToEdit(key);
    const template = await this.template(record.templateKey);
    const current = await this.editable(scope, 'processes', key);
    return {
      templateKey: template.key,
      templateName: template.name,
      current: current.content,
      template: template.xml,
      diff: await elementDiff(current.content, template.xml),
    };
  }

  /** Takes the new template as the draft (published only when the secretary publishes it). */
  async adoptTemplate(actor: Acting, key: string): Promise<EditableContent> {
    const record = await this.deps.store.get(actor.community, 'processes', key);
    if (record.templateKey === null) throw libraryErrors.nothingToEdit(key);
    const template = await this.template(record.templateKey);
    await this.deps.store.update(actor.community, 'processes', key, (old) => ({
      ...old,
      templateHash: template.hash,
      draft: { content: template.xml, updatedBy: actor.userId, updatedAt: this.stamp() },
    }));
    return this.editable(actor, 'processes', key);
  }
}
