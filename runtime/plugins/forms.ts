import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import type { FeelEnv } from '../../engine/feel/expression.js';
import type { JsonObject } from '../../engine/state/json.js';
import { canonicalFormDefinition, compileFormSchema, type CompiledForm } from '../forms/form-schema.js';
import { findStartFormId } from '../forms/start-form-id.js';
import { validateFormData } from '../forms/validate-form-data.js';
import { NotFoundError } from '../services/errors.js';
import type { DefinitionVersion, DefinitionWithContent, GetDefinitionInput, WorkflowService } from '../services/workflow-service.js';
import { HttpError } from './http-error.js';

/** Server-side form checks for start and complete (never trust the browser). */
export interface FormChecks {
  /**
   * Validates start variables against the start event's form (unchanged when it has none), and
   * returns the definition version it checked against, so the caller starts exactly that one
   * even if a new version is deployed in between.
   */
  validateStartVariables(input: { community: string; processKey: string; version?: number; variables: JsonObject }): Promise<{ variables: JsonObject; version: number }>;
  /** Validates completion data against the task's form; unchanged when it has none. */
  validateTaskVariables(input: { community: string; formId: string | null; variables: JsonObject; context: JsonObject }): Promise<JsonObject>;
  /** The latest deployed form with this key, with its parsed schema. */
  loadForm(community: string, formId: string): Promise<{ definition: DefinitionVersion; schema: JsonObject; compiled: CompiledForm }>;
  /** Checks a form-js JSON text and returns its canonical spelling; 422 `FormSchemaError` when broken. */
  canonicalFormDefinition(content: string): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    forms: FormChecks;
  }
}

const cacheSize = 500;
const calendar = createWorkingCalendar(defaultCalendarYears);

/** Both caches are keyed by definition version id: a deployed version never changes. */
function boundedCache<V>() {
  const map = new Map<string, V>();
  return {
    get: (key: string) => map.get(key),
    set: (key: string, value: V) => {
      if (map.size >= cacheSize) map.delete(map.keys().next().value ?? '');
      map.set(key, value);
    },
  };
}

export function createFormChecks(service: WorkflowService): FormChecks {
  const compiledForms = boundedCache<{ schema: JsonObject; compiled: CompiledForm }>();
  const startForms = boundedCache<string | null>();
  // the service's clock and calendar: `now()` and working days in a form rule agree with the due dates
  const env = (): FeelEnv => ({ now: service.clock?.now() ?? Date.now(), timeZone: 'Asia/Shanghai', calendar: service.clock?.calendar ?? calendar, warn: () => undefined });

  const parseJson = (content: string): unknown => {
    try {
      return JSON.parse(content);
    } catch {
      throw new HttpError(400, 'WF_BAD_JSON', '表单定义不是有效的 JSON / the form definition is not valid JSON');
    }
  };

  /** The latest (or given) version of a form or process; its content is read only when `cached` has nothing for that version id. */
  async function versionOf<V>(input: GetDefinitionInput, cached: (id: string) => V | undefined, build: (definition: DefinitionWithContent) => Promise<V> | V) {
    const version = await service.getDefinitionVersion(input);
    const hit = cached(version.id);
    if (hit !== undefined) return { version, value: hit };
    const definition = await service.getDefinition({ ...input, version: version.version });
    return { version, value: await build(definition) };
  }

  const loadForm: FormChecks['loadForm'] = async (community, formId) => {
    try {
      const { version, value } = await versionOf({ community, kind: 'form', key: formId }, (id) => compiledForms.get(id), (definition) => {
        const schema = parseJson(definition.content) as JsonObject; // deployed forms passed canonicalFormDefinition
        const entry = { schema, compiled: compileFormSchema(schema) };
        compiledForms.set(definition.id, entry);
        return entry;
      });
      return { definition: version, ...value };
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new HttpError(422, 'WF_FORM_INVALID', `关联的表单 ${formId} 未部署 / the linked form ${formId} is not deployed`, { formId });
      }
      throw error;
    }
  };

  return {
    loadForm,
    canonicalFormDefinition,
    async validateStartVariables({ community, processKey, version, variables }) {
      const { version: definition, value: formId } = await versionOf(
        { community, kind: 'bpmn', key: processKey, ...(version !== undefined ? { version } : {}) },
        (id) => startForms.get(id),
        async (found) => {
          const id = await findStartFormId(found.content, processKey);
          startForms.set(found.id, id);
          return id;
        },
      );
      if (formId === null) return { variables, version: definition.version };
      const { compiled } = await loadForm(community, formId);
      return { variables: validateFormData(compiled, variables, { env: env() }), version: definition.version };
    },
    async validateTaskVariables({ community, formId, variables, context }) {
      if (formId === null) return variables;
      const { compiled } = await loadForm(community, formId);
      return validateFormData(compiled, variables, { context, env: env() });
    },
  };
}

async function formsPlugin(app: FastifyInstance): Promise<void> {
  app.decorate('forms', createFormChecks(app.workflow));
}

export const forms = fp(formsPlugin, { name: 'forms', dependencies: ['workflow-service'] });
