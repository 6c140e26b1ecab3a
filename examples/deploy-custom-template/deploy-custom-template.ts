/**
 * A community admin's customised copy of a sub-district template, over HTTP: signs in (session
 * cookie + CSRF token), fetches the template from the library, changes one user task's
 * candidate groups and time limit by editing its `zeebe:` extension elements with bpmn-moddle
 * (never by text replacement), takes the template into the community's library and publishes
 * the copy as a new version. New cases run the new version; running cases keep theirs.
 *
 * Run against `npm start` (sign in once in the browser first to replace the one-time password):
 *   LINLI_URL=http://127.0.0.1:3000 LINLI_USER=demo-admin LINLI_PASSWORD=… \
 *   npx tsx examples/deploy-custom-template/deploy-custom-template.ts
 * Optional: LINLI_TEMPLATE (default complaint), LINLI_TASK (default Task_Accept),
 * LINLI_CANDIDATE_GROUPS (default rc,party), LINLI_DUE_WORKING_DAYS (default 2).
 */
import { BpmnModdle, type BpmnModdleInstance } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { LinliApiError, LinliClient, requiredEnv, serverUrl } from '../shared/linli-client.js';

/** A moddle element: a property bag with its type (what bpmn-moddle hands out). */
interface ModdleElement {
  readonly $type: string;
  [property: string]: unknown;
}

/** The parts of bpmn-moddle's API this example uses beyond parsing. */
type Moddle = BpmnModdleInstance & {
  create(type: string, properties?: Record<string, unknown>): ModdleElement;
  toXML(root: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
};

export interface Customisation {
  /** The user task to change (its BPMN id). */
  readonly taskId: string;
  /** Role keys that may claim the task, e.g. ['rc', 'party']. */
  readonly candidateGroups: readonly string[];
  /** The time limit in working days (mainland-China calendar). */
  readonly dueWorkingDays: number;
}

/** The extension element of this type on `element`, created (and attached) when missing. */
function extension(moddle: Moddle, element: ModdleElement, type: string): ModdleElement {
  let container = element.extensionElements as ModdleElement | undefined;
  if (container === undefined) {
    container = moddle.create('bpmn:ExtensionElements', { values: [] });
    element.extensionElements = container;
  }
  const values = (container.values ??= []) as ModdleElement[];
  let found = values.find((value) => value.$type === type);
  if (found === undefined) {
    found = moddle.create(type);
    values.push(found);
  }
  return found;
}

/** Returns the template's XML with the user task's candidate groups and due date changed. */
export async function customiseTemplate(xml: string, change: Customisation): Promise<string> {
  const moddle = new BpmnModdle({ zeebe }) as Moddle;
  const { rootElement, elementsById } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const task = elementsById[change.taskId] as ModdleElement | undefined;
  if (task?.$type !== 'bpmn:UserTask') throw new Error(`模板中没有用户任务 ${change.taskId} / the template has no user task ${change.taskId}`);
  if (change.candidateGroups.length === 0 || change.candidateGroups.some((group) => !/^[a-z][a-z0-9-]*$/.test(group))) {
    throw new Error(`候选角色无效 / invalid candidate groups: ${change.candidateGroups.join(',')}`);
  }
  if (!Number.isInteger(change.dueWorkingDays) || change.dueWorkingDays < 1 || change.dueWorkingDays > 60) {
    throw new Error(`时限必须是 1–60 个工作日 / the time limit must be 1–60 working days: ${change.dueWorkingDays}`);
  }
  extension(moddle, task, 'zeebe:AssignmentDefinition').candidateGroups = change.candidateGroups.join(',');
  extension(moddle, task, 'zeebe:TaskSchedule').dueDate = `=add working days(now(), ${change.dueWorkingDays})`;
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

export interface Published {
  readonly processKey: string;
  readonly version: number;
}

/** Signs in, customises the template and publishes it to the admin's community. */
export async function deployCustomTemplate(options: { url: string; user: string; password: string; templateKey: string; change: Customisation }): Promise<Published> {
  const { client, me } = await LinliClient.signIn(options.url, options.user, options.password);
  if (me.mustChangePassword) throw new Error('请先在浏览器中登录并修改一次性密码 / sign in once in the browser and change the one-time password first');
  const template = await client.call<{ key: string; xml: string }>('GET', `/api/library/templates/${encodeURIComponent(options.templateKey)}`);
  const xml = await customiseTemplate(template.xml, options.change);
  try {
    // Links the community's copy to the template, so the library offers later template updates.
    await client.call('POST', '/api/library/processes/from-template', { templateKey: template.key });
  } catch (error) {
    if (!(error instanceof LinliApiError && error.status === 409)) throw error; // already in this community's library
  }
  const result = await client.call<{ definitions: { key: string; version: number }[]; unchanged: boolean }>('POST', `/api/library/processes/${encodeURIComponent(template.key)}/publish`, { content: xml });
  const deployed = result.definitions.find((d) => d.key === template.key);
  if (deployed === undefined) throw new Error(`发布结果中没有 ${template.key} / the publish answer does not name ${template.key}`);
  return { processKey: deployed.key, version: deployed.version };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const published = await deployCustomTemplate({
      url: serverUrl(),
      user: requiredEnv('LINLI_USER', '居民区管理员的登录名 / a community admin’s login name'),
      password: requiredEnv('LINLI_PASSWORD', '该管理员的密码 / that admin’s password'),
      templateKey: process.env.LINLI_TEMPLATE?.trim() || 'complaint',
      change: {
        taskId: process.env.LINLI_TASK?.trim() || 'Task_Accept',
        candidateGroups: (process.env.LINLI_CANDIDATE_GROUPS?.trim() || 'rc,party').split(',').map((group) => group.trim()),
        dueWorkingDays: Number(process.env.LINLI_DUE_WORKING_DAYS?.trim() || '2'),
      },
    });
    console.log(`已发布 ${published.processKey} 第 ${published.version} 版，新案件将使用此版本 / published ${published.processKey} version ${published.version}; new cases use it`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
