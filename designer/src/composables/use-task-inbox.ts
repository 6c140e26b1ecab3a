import { computed, reactive, ref, shallowRef } from 'vue';
import { tasksApi, type TaskQuery } from '../api/tasks-api.js';
import type { Task } from '../api/types.js';
import { priorityLevel, type PriorityLevel } from '../utils/priority-level.js';
import { shanghaiDate } from '../utils/shanghai-time.js';

export const inboxTabs = ['mine', 'claimable', 'completed', 'overdue'] as const;
export type InboxTab = (typeof inboxTabs)[number];

export interface InboxFilters {
  processKey: string;
  priority: PriorityLevel | '';
  due: '' | 'today' | 'week';
  building: string;
  category: string;
  sort: string;
}

const pageSize = 20;
/** Counts are capped: past this the badge says "200+" instead of paging through everything. */
export const countCap = 200;

function endOfShanghaiDay(now: Date, plusDays: number): string {
  const day = shanghaiDate(new Date(now.getTime() + plusDays * 86_400_000));
  return new Date(`${day}T23:59:59.999+08:00`).toISOString();
}

/** The server query of one tab with the current filters (priority is filtered here: the API has no such parameter). */
export function tabQuery(tab: InboxTab, userId: string, filters: InboxFilters, now: Date): TaskQuery {
  const query: TaskQuery = {};
  switch (tab) {
    case 'mine':
      Object.assign(query, { status: 'open', assignee: userId });
      break;
    case 'claimable':
      Object.assign(query, { status: 'open', candidate: 'me', assignee: 'none' });
      break;
    case 'completed':
      Object.assign(query, { status: 'completed', completedBy: userId });
      break;
    case 'overdue':
      Object.assign(query, { status: 'open', overdue: true });
      break;
  }
  if (filters.processKey !== '') query.processKey = filters.processKey;
  if (filters.due === 'today') query.dueBefore = endOfShanghaiDay(now, 0);
  if (filters.due === 'week') query.dueBefore = endOfShanghaiDay(now, 7);
  const vars: string[] = [];
  if (filters.building.trim() !== '') vars.push(`building:eq:${filters.building.trim()}`);
  if (filters.category !== '') vars.push(`category:eq:"${filters.category}"`);
  if (vars.length > 0) query.var = vars;
  query.sort = filters.sort !== '' ? filters.sort : tab === 'completed' ? 'completedAt:desc' : 'dueDate:asc';
  return query;
}

/** The inbox's state: the four tabs' counts, the shown page, filters and cursor paging. */
export function useTaskInbox(userId: () => string) {
  const tab = ref<InboxTab>('mine');
  const filters = reactive<InboxFilters>({ processKey: '', priority: '', due: '', building: '', category: '', sort: '' });
  const items = shallowRef<Task[]>([]);
  const counts = reactive<Record<InboxTab, number | null>>({ mine: null, claimable: null, completed: null, overdue: null });
  const cappedCounts = reactive<Record<InboxTab, boolean>>({ mine: false, claimable: false, completed: false, overdue: false });
  const loading = ref(false);
  const error = ref<unknown>(null);
  const cursors = ref<(string | undefined)[]>([undefined]);
  const page = ref(0);
  const nextCursor = ref<string | null>(null);
  let generation = 0;

  const byPriority = (task: Task): boolean => filters.priority === '' || priorityLevel(task.priority) === filters.priority;
  const visible = computed(() => items.value.filter(byPriority));

  async function loadPage(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const query = { ...tabQuery(tab.value, userId(), filters, new Date()), limit: pageSize, cursor: cursors.value[page.value] };
      const result = await tasksApi.list(query);
      if (mine !== generation) return;
      items.value = result.items;
      nextCursor.value = result.nextCursor;
      error.value = null;
    } catch (caught) {
      if (mine === generation) error.value = caught;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadCounts(): Promise<void> {
    const now = new Date();
    await Promise.all(
      inboxTabs.map(async (name) => {
        try {
          const result = await tasksApi.list({ ...tabQuery(name, userId(), filters, now), limit: countCap });
          counts[name] = result.items.filter(byPriority).length;
          cappedCounts[name] = result.nextCursor !== null;
        } catch {
          counts[name] = null;
        }
      }),
    );
  }

  async function refresh(): Promise<void> {
    await Promise.all([loadPage(), loadCounts()]);
  }

  async function reset(): Promise<void> {
    cursors.value = [undefined];
    page.value = 0;
    await refresh();
  }

  async function nextPage(): Promise<void> {
    if (nextCursor.value === null) return;
    cursors.value[page.value + 1] = nextCursor.value;
    page.value += 1;
    await loadPage();
  }

  async function previousPage(): Promise<void> {
    if (page.value === 0) return;
    page.value -= 1;
    await loadPage();
  }

  return { tab, filters, items: visible, counts, cappedCounts, loading, error, page, nextCursor, refresh, reset, nextPage, previousPage, loadPage };
}
