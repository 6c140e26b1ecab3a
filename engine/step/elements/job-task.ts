import type { JobDef, JobTaskDef } from '../../model/executable-model.js';
import type { ElementInstanceState } from '../../state/instance-state.js';
import type { Run } from '../run.js';
import { IncidentSignal } from '../incident-signal.js';
import type { ElementBehavior } from './element-behavior.js';

/** Service, send, business-rule and job-type script tasks: open a job and wait for its worker. */
export const jobTask: ElementBehavior<JobTaskDef> = {
  activate(run, def, instance) {
    openJob(run, def.job, def.id, instance);
  },
  terminate: cancelOpenJob,
};

/** Withdraws the job an element still waits for (task, message throw or end event). */
export function cancelOpenJob(run: Run, _def: unknown, instance: ElementInstanceState): void {
  if (instance.job) run.effects.push({ type: 'job.cancelled', key: instance.id });
}

/** Evaluates the job's type and retries and emits the job for the host's workers. */
export function openJob(run: Run, job: JobDef, elementId: string, instance: ElementInstanceState): void {
  const type = run.value(job.type, instance, elementId);
  if (typeof type !== 'string' || type === '') {
    throw new IncidentSignal('EXPRESSION_ERROR', `任务类型应为非空文本，得到 ${JSON.stringify(type)} / job type must be a non-empty string`);
  }
  const retriesValue = run.value(job.retries, instance, elementId);
  const retries = Number(retriesValue);
  if (!Number.isInteger(retries) || retries < 0) {
    throw new IncidentSignal('EXPRESSION_ERROR', `重试次数应为非负整数，得到 ${JSON.stringify(retriesValue)} / retries must be a non-negative integer`);
  }
  instance.job = { type, retries };
  run.effects.push({
    type: 'job.created',
    job: { key: instance.id, type, retries, elementId, headers: job.headers, variables: run.visibleVariables(instance) },
  });
}
