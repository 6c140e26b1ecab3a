import type { CommittedEvent } from '../workflow-service.js';
import { PermanentJobError, type Connector } from './connector.js';
import { fillTemplate, recipientsOf } from './template.js';

const INSERT = `INSERT INTO wf_notification (id, community, recipient_user, recipient_group, title, body, instance_id, created_at, read_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`;

/**
 * In-app notification: task headers `users` and/or `groups` (comma-separated; an entry may be a
 * `{{variable}}` placeholder), `title`, `body` (with `{{variable}}` placeholders). Writes one row per recipient and completes the job in the
 * same transaction.
 */
export const notifyConnector: Connector = async (job, context) => {
  const users = recipientsOf(job.headers.users, job.variables);
  const groups = recipientsOf(job.headers.groups, job.variables);
  if (users.length === 0 && groups.length === 0) {
    throw new PermanentJobError('通知没有接收人（任务头 users / groups）/ the notification has no recipients (task headers users / groups)');
  }
  const title = fillTemplate(job.headers.title ?? '流程通知 / Workflow notice', job.variables);
  const body = fillTemplate(job.headers.body ?? '', job.variables);
  await context.service.runJobCommand(
    { community: job.community, jobKey: job.key, worker: context.worker },
    (key) => ({ type: 'completeJob', jobKey: key }),
    {},
    async (tx) => {
      const events: CommittedEvent[] = [];
      const now = context.now();
      const recipients = [...users.map((u) => ({ user: u, group: null })), ...groups.map((g) => ({ user: null, group: g }))];
      for (const recipient of recipients) {
        const id = context.newId();
        await tx.run(INSERT, [id, job.community, recipient.user, recipient.group, title, body, job.instanceId, now]);
        events.push({ type: 'notification.created', community: job.community, notificationId: id, recipientUser: recipient.user, recipientGroup: recipient.group });
      }
      return events;
    },
  );
};
