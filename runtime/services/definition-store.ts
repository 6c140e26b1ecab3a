import type { WorkingCalendar } from '../../engine/calendar/working-calendar.js';
import { createHash } from 'node:crypto';
import type { ExecutableModel } from '../../engine/model/executable-model.js';
import { toNumber, toText, type SqlDatabase, type SqlRow, type SqlTx } from '../persistence/sql-database.js';
import { mapEngineError } from './engine-error-mapping.js';
import { armStartTimers } from './start-timers.js';
import { isUniqueViolation } from './unique-violation.js';
import { ConflictError, NotFoundError, WorkflowValidationError } from './errors.js';
import { keysetClause, limitOf, pageOf } from './keyset-page.js';
import { DEFINITION_COLUMNS, definitionVersionOf } from './row-mappers.js';
import type { WorkflowEngine } from './workflow-engine.js';
import type {
  DefinitionSummary,
  DefinitionVersion,
  DefinitionWithContent,
  DeployDefinitionInput,
  DeployResult,
  GetDefinitionInput,
  ListDefinitionsInput,
  ListDefinitionVersionsInput,
  Page,
} from './workflow-service.js';

const LATEST = `SELECT ${DEFINITION_COLUMNS} FROM wf_definition WHERE community = ? AND kind = ? AND key = ? ORDER BY version DESC LIMIT 1`;
const INSERT = `INSERT INTO wf_definition (id, community, kind, key, name, version, content, content_hash, deployed_by, deployed_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The latest or one exact version of a definition, by the columns read (constants: the statement cache is keyed by SQL text). */
function findStatements(columns: string) {
  const from = `SELECT ${columns} FROM wf_definition WHERE community = ? AND kind = ? AND key = ?`;
  return { latest: `${from} ORDER BY version DESC LIMIT 1`, exact: `${from} AND version = ?` };
}
const FIND_VERSION = findStatements(DEFINITION_COLUMNS);
const FIND_WITH_CONTENT = findStatements(`${DEFINITION_COLUMNS}, content`);

/** Exact versions remembered at most (a deployed version never changes, so they need no invalidation). */
const MAX_EXACT_VERSIONS = 10_000;

/** Versioned process and form definitions per community. */
export class DefinitionStore {
  /** Exact (community, kind, key, version) look-ups: every start reads one after the form check read the latest. */
  private readonly exactVersions = new Map<string, DefinitionVersion>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly engine: WorkflowEngine,
    private readonly now: () => number,
    private readonly newId: () => string,
    private readonly onParsed: (definitionId: string, model: ExecutableModel) => void,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** Validates and stores a new version per key, unless the content equals the latest version. */
  async deploy(input: DeployDefinitionInput): Promise<DeployResult> {
    const hash = createHash('sha256').update(input.content).digest('hex');
    const model = input.kind === 'bpmn' ? await this.parse(input.content) : null;
    const entries = model ? bpmnEntries(model, input) : [formEntry(input)];
    try {
      return await this.db.transaction(async (tx) => {
        const definitions: DefinitionVersion[] = [];
        let unchanged = true;
        for (const entry of entries) {
          const latestRow = await tx.get(LATEST, [input.community, input.kind, entry.key]);
          const latest = latestRow ? definitionVersionOf(latestRow) : null;
          if (latest && latest.contentHash === hash) {
            definitions.push(latest);
            continue;
          }
          unchanged = false;
          const id = this.newId();
          const version = (latest?.version ?? 0) + 1;
          const deployedAt = this.now();
          await tx.run(INSERT, [id, input.community, input.kind, entry.key, entry.name, version, input.content, hash, input.userId, deployedAt]);
          if (model) await armStartTimers(tx, { community: input.community, processKey: entry.key, definitionId: id, model, now: deployedAt, newId: this.newId, calendar: this.calendar });
          definitions.push({
            id,
            kind: input.kind,
            key: entry.key,
            name: entry.name,
            version,
            contentHash: hash,
            community: input.community,
            deployedBy: input.userId,
            deployedAt: new Date(deployedAt).toISOString(),
          });
        }
        return { definitions, unchanged };
      }).then((result) => {
        if (model) for (const definition of result.definitions) this.onParsed(definition.id, model);
        return result;
      });
    } catch (error) {
      // Two deployments of one key at the same moment: the unique (community, kind, key, version) index refuses the second.
      if (isUniqueViolation(error)) throw new ConflictError('同一定义正在被同时部署，请重试 / the same definition is being deployed concurrently; retry');
      throw error;
    }
  }

  async list(input: ListDefinitionsInput): Promise<Page<DefinitionSummary>> {
    const limit = limitOf(input);
    const params: (string | number)[] = [input.community];
    let filter = '';
    if (input.kind) {
      filter = ' AND d.kind = ?';
      params.push(input.kind);
    }
    const keyset = keysetClause({ column: "(d.kind || ':' || d.key)", idColumn: "(d.kind || ':' || d.key)", order: 'asc' }, input.cursor);
    const rows = await this.db.all(
      `SELECT d.id, d.kind, d.key, d.name, d.version, d.content_hash, d.community, d.deployed_by, d.deployed_at, m.n AS version_count
       FROM wf_definition d JOIN (SELECT kind, key, MAX(version) AS v, COUNT(*) AS n FROM wf_definition WHERE community = ? GROUP BY kind, key) m
         ON m.kind = d.kind AND m.key = d.key AND m.v = d.version
       WHERE d.community = ?${filter}${keyset.where ? ` AND ${keyset.where}` : ''} ${keyset.orderBy} LIMIT ${limit + 1}`,
      [input.community, ...params, ...keyset.params],
    );
    return pageOf(
      rows,
      limit,
      (row) => {
        const latest = definitionVersionOf(row);
        return { kind: latest.kind, key: latest.key, name: latest.name, latest, versionCount: toNumber(row.version_count) };
      },
      (row) => {
        const key = `${toText(row.kind)}:${toText(row.key)}`;
        return { v: key, id: key };
      },
    );
  }

  async versions(input: ListDefinitionVersionsInput): Promise<Page<DefinitionVersion>> {
    const limit = limitOf(input);
    const keyset = keysetClause({ column: 'version', idColumn: 'id', order: 'desc' }, input.cursor);
    const rows = await this.db.all(
      `SELECT ${DEFINITION_COLUMNS} FROM wf_definition WHERE community = ? AND kind = ? AND key = ?${keyset.where ? ` AND ${keyset.where}` : ''} ${keyset.orderBy} LIMIT ${limit + 1}`,
      [input.community, input.kind, input.key, ...keyset.params],
    );
    return pageOf(rows, limit, definitionVersionOf, (row) => ({ v: toNumber(row.version), id: toText(row.id) }));
  }

  async get(input: GetDefinitionInput): Promise<DefinitionWithContent> {
    const row = await this.find(input, FIND_WITH_CONTENT);
    return { ...definitionVersionOf(row), content: toText(row.content) };
  }

  /** The latest (or given) version without its content: what a start, or a cache keyed by version id, needs. */
  async version(input: GetDefinitionInput): Promise<DefinitionVersion> {
    if (input.version === undefined) return definitionVersionOf(await this.find(input, FIND_VERSION));
    const key = `${input.community}\u0000${input.kind}\u0000${input.key}\u0000${input.version}`;
    const known = this.exactVersions.get(key);
    if (known) return known;
    const found = definitionVersionOf(await this.find(input, FIND_VERSION));
    if (this.exactVersions.size >= MAX_EXACT_VERSIONS) this.exactVersions.clear();
    this.exactVersions.set(key, found);
    return found;
  }

  /** The latest (or given) version of a process: what a start uses. */
  process(community: string, key: string, version: number | undefined): Promise<DefinitionVersion> {
    return this.version({ community, kind: 'bpmn', key, ...(version !== undefined ? { version } : {}) });
  }

  private async find(input: GetDefinitionInput, sql: { readonly latest: string; readonly exact: string }): Promise<SqlRow> {
    const row =
      input.version === undefined
        ? await this.db.get(sql.latest, [input.community, input.kind, input.key])
        : await this.db.get(sql.exact, [input.community, input.kind, input.key, input.version]);
    if (!row) throw new NotFoundError(input.kind === 'bpmn' ? '流程定义 / process definition' : '表单 / form', input.version === undefined ? input.key : `${input.key}@${input.version}`);
    return row;
  }

  /** Parses a stored definition for the model cache. */
  async loadModel(definitionId: string, reader: SqlTx = this.db): Promise<ExecutableModel> {
    const row = await reader.get("SELECT content FROM wf_definition WHERE id = ? AND kind = 'bpmn'", [definitionId]);
    if (!row) throw new NotFoundError('流程定义 / process definition', definitionId);
    return this.parse(toText(row.content));
  }

  private async parse(xml: string): Promise<ExecutableModel> {
    try {
      return await this.engine.parseBpmn(xml);
    } catch (error) {
      throw mapEngineError(error);
    }
  }
}

function bpmnEntries(model: ExecutableModel, input: DeployDefinitionInput): { key: string; name: string | null }[] {
  const entries = [...model.processes.values()].map((p) => ({ key: p.id, name: input.name ?? p.name }));
  if (entries.length === 0) {
    throw new WorkflowValidationError([{ elementId: null, elementType: 'bpmn:Definitions', message: '文件中没有可执行的流程 / the file contains no executable process' }]);
  }
  return entries;
}

function formEntry(input: DeployDefinitionInput): { key: string; name: string | null } {
  let schema: unknown;
  try {
    schema = JSON.parse(input.content);
  } catch (error) {
    throw new WorkflowValidationError([{ elementId: null, elementType: 'form', message: `表单不是有效的 JSON / the form is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  if (typeof schema !== 'object' || schema === null || !('components' in schema) || !Array.isArray(schema.components)) {
    throw new WorkflowValidationError([{ elementId: null, elementType: 'form', field: 'components', message: '表单缺少 components 数组 / the form has no components array' }]);
  }
  const id = 'id' in schema && typeof schema.id === 'string' ? schema.id : undefined;
  const key = input.key ?? id;
  if (!key) {
    throw new WorkflowValidationError([{ elementId: null, elementType: 'form', field: 'id', message: '表单缺少 id / the form has no id' }]);
  }
  return { key, name: input.name ?? key };
}
