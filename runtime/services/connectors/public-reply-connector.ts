import { PermanentJobError, type Connector } from './connector.js';
import { fillTemplate } from './template.js';

const INSERT = `INSERT INTO wf_comment (id, instance_id, task_id, community, visibility, body, author, created_at)
  VALUES (?, ?, NULL, ?, 'public', ?, ?, ?)`;

/**
 * Publishes the public reply a resident sees with their tracking code: the text of task header
 * `body` (with `{{variable}}` placeholders) or else of the variable named by header `variable`
 * (default `publicReply`). Author: header `author`, default `system`.
 */
export const publicReplyConnector: Connector = async (job, context) => {
  const variableName = job.headers.variable ?? 'publicReply';
  const fromVariable = job.variables[variableName];
  const body = (job.headers.body !== undefined ? fillTemplate(job.headers.body, job.variables) : typeof fromVariable === 'string' ? fromVariable : '').trim();
  if (body === '') {
    throw new PermanentJobError(`公开答复为空（任务头 body 或变量 ${variableName}）/ the public reply is empty (task header body or variable ${variableName})`);
  }
  await context.service.runJobCommand(
    { community: job.community, jobKey: job.key, worker: context.worker },
    (key) => ({ type: 'completeJob', jobKey: key }),
    {},
    async (tx) => {
      await tx.run(INSERT, [context.newId(), job.instanceId, job.community, body, job.headers.author ?? 'system', context.now()]);
      return [];
    },
  );
};
