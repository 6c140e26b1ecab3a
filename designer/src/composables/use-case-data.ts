import { computed, ref, shallowRef } from 'vue';
import { definitionsApi } from '../api/definitions-api.js';
import { fullHistory, instancesApi } from '../api/instances-api.js';
import type { Attachment, CaseComment, HistoryEvent, InstanceDetail, JsonObject } from '../api/types.js';
import { bpmnElementNames } from '../utils/bpmn-names.js';
import { startFormIdOf, loadForm } from '../utils/start-form.js';

export type TimelineKind = 'started' | 'taskCreated' | 'taskCompleted' | 'taskClaimed' | 'taskAssigned' | 'taskUnclaimed' | 'completed' | 'cancelled' | 'incident';

export interface TimelineEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: TimelineKind;
  readonly name: string;
  readonly userId: string | null;
  /** Who did it, by name (null shows the id). */
  readonly userName: string | null;
  readonly reason: string | null;
}

export interface KeyFact {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

const userTaskTypes = new Set(['bpmn:UserTask']);

function timelineOf(history: readonly HistoryEvent[], names: Record<string, string>): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const event of history) {
    const name = event.elementId === null ? '' : (names[event.elementId] ?? event.elementId);
    const reason = typeof event.data.reason === 'string' ? event.data.reason : null;
    const push = (kind: TimelineKind): void => {
      entries.push({ id: event.id, at: event.at, kind, name, userId: event.userId, userName: event.userName, reason });
    };
    switch (event.type) {
      case 'instance.started':
        push('started');
        break;
      case 'element.entered':
        // The user on this event is whoever finished the step before; the new task has no actor yet.
        if (typeof event.data.bpmnType === 'string' && userTaskTypes.has(event.data.bpmnType)) entries.push({ id: event.id, at: event.at, kind: 'taskCreated', name, userId: null, userName: null, reason: null });
        break;
      case 'task.completed':
        push('taskCompleted');
        break;
      case 'task.claimed':
        push('taskClaimed');
        break;
      case 'task.assigned':
        push('taskAssigned');
        break;
      case 'task.unclaimed':
        push('taskUnclaimed');
        break;
      case 'instance.completed':
        push('completed');
        break;
      case 'instance.cancelled':
      case 'instance.terminated':
        push('cancelled');
        break;
      case 'incident.raised':
        push('incident');
        break;
      default:
        break;
    }
  }
  return entries;
}

/** Labels of the start form's fields, and option labels, to show the case's key data readably. */
function keyFactsOf(schema: JsonObject | null, variables: JsonObject): KeyFact[] {
  if (schema === null) return [];
  const facts: KeyFact[] = [];
  const visit = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const component of components) {
      if (typeof component !== 'object' || component === null) continue;
      const field = component as Record<string, unknown>;
      visit(field.components);
      const key = field.key;
      if (typeof key !== 'string' || !(key in variables) || field.type === 'filepicker') continue;
      const raw = variables[key];
      if (raw === null || raw === undefined || raw === '') continue;
      let value: string;
      if (Array.isArray(field.values)) {
        const option = (field.values as { label?: unknown; value?: unknown }[]).find((o) => o.value === raw);
        value = typeof option?.label === 'string' ? option.label : String(raw);
      } else if (typeof raw === 'boolean') {
        value = raw ? '✓' : '✗';
      } else if (typeof raw === 'object') {
        value = JSON.stringify(raw);
      } else {
        value = String(raw);
      }
      facts.push({ key, label: typeof field.label === 'string' ? field.label : key, value });
    }
  };
  visit(schema.components);
  return facts;
}

/** Everything a case view shows: the instance, its diagram, history, notes and files. */
export function useCaseData() {
  const instance = shallowRef<InstanceDetail | null>(null);
  const xml = ref('');
  const history = shallowRef<HistoryEvent[]>([]);
  const comments = shallowRef<CaseComment[]>([]);
  const attachments = shallowRef<Attachment[]>([]);
  const startSchema = shallowRef<JsonObject | null>(null);
  const names = computed(() => bpmnElementNames(xml.value));

  const timeline = computed(() => timelineOf(history.value, names.value));
  const keyFacts = computed(() => keyFactsOf(startSchema.value, instance.value?.variables ?? {}));
  const activeIds = computed(() => (instance.value?.activeElements ?? []).map((element) => element.elementId));
  const doneIds = computed(() => {
    const ids = new Set<string>();
    for (const event of history.value) {
      if (event.type === 'element.completed' && event.elementId !== null) ids.add(event.elementId);
      if (event.type === 'flow.taken' && typeof event.data.flowId === 'string') ids.add(event.data.flowId);
    }
    return [...ids];
  });
  const internalNotes = computed(() => comments.value.filter((c) => c.visibility === 'internal'));
  const publicReplies = computed(() => comments.value.filter((c) => c.visibility === 'public'));

  async function loadComments(id: string): Promise<void> {
    comments.value = (await instancesApi.comments(id)).items;
  }

  async function loadAttachments(id: string): Promise<void> {
    try {
      attachments.value = (await instancesApi.attachments(id)).items;
    } catch {
      attachments.value = [];
    }
  }

  async function load(id: string): Promise<void> {
    const detail = await instancesApi.get(id);
    instance.value = detail;
    const [definition, events] = await Promise.all([
      definitionsApi.get('bpmn', detail.processKey, detail.definitionVersion),
      detail.historyTruncated ? fullHistory(id) : Promise.resolve([...detail.history]),
      loadComments(id).catch(() => undefined),
      loadAttachments(id),
    ]);
    xml.value = definition.content;
    history.value = events;
    const formId = startFormIdOf(definition.content);
    if (formId !== null) {
      try {
        startSchema.value = (await loadForm(formId)).schema;
      } catch {
        startSchema.value = null;
      }
    }
  }

  return { instance, xml, names, timeline, keyFacts, activeIds, doneIds, comments, internalNotes, publicReplies, attachments, load, loadComments, loadAttachments };
}
