import { EngineError, InvalidCommandError } from '../errors.js';
import type { ExecutableModel } from '../model/executable-model.js';
import { STATE_SCHEMA_VERSION, type ElementInstanceState, type InstanceState } from '../state/instance-state.js';
import { cloneJson } from '../state/clone-json.js';
import type { Command } from './command.js';
import type { Effect } from './effect.js';
import { openJob } from './elements/job-task.js';
import { uncaughtError } from './elements/throw-event.js';
import { openEventSubProcessSubscriptions } from './subscriptions.js';
import { throwToCatcher } from './throw-catch.js';
import { triggerSubscription } from './triggers.js';
import type { EngineEvent } from './event.js';
import { IncidentSignal } from './incident-signal.js';
import { Run } from './run.js';
import type { StepContext } from './step-context.js';

export interface StepResult {
  readonly state: InstanceState;
  readonly effects: Effect[];
  readonly events: EngineEvent[];
}

type Handler<C extends Command> = (run: Run, command: C) => void;

/** One handler per command type: a missing one is a compile error. */
const handlers: { readonly [T in Command['type']]: Handler<Extract<Command, { type: T }>> } = {
  createInstance(run, command) {
    const scope = run.process.scope;
    const startId = command.startEventId ?? scope.noneStartId;
    if (!startId || !scope.startEventIds.includes(startId)) {
      throw new InvalidCommandError(`流程 ${run.process.id} 没有可用的开始事件 / process ${run.process.id} has no start event ${startId ?? '(none)'}`, {
        processId: run.process.id,
      });
    }
    run.events.push({ type: 'instance.started', processId: run.process.id });
    for (const [name, value] of Object.entries(command.variables ?? {})) run.setVariable(null, name, value);
    try {
      openEventSubProcessSubscriptions(run, scope.eventSubProcessIds, null);
    } catch (error) {
      // No element instance exists yet to carry an incident: the start itself is refused.
      if (error instanceof IncidentSignal) throw new InvalidCommandError(`无法启动流程 ${run.process.id}：${error.message} / cannot start process ${run.process.id}: ${error.message}`, { processId: run.process.id });
      throw error;
    }
    run.schedule({ op: 'activate', elementId: startId, parentId: null });
  },

  completeUserTask(run, command) {
    const instance = waiting(run, command.elementInstanceId, 'userTask');
    run.effects.push({ type: 'userTask.completed', elementInstanceId: instance.id });
    run.complete(instance, command.variables);
  },

  completeJob(run, command) {
    const instance = waitingJob(run, command.jobKey);
    delete instance.job;
    run.effects.push({ type: 'job.completed', key: instance.id });
    run.complete(instance, command.variables);
  },

  failJob(run, command) {
    const instance = waitingJob(run, command.jobKey);
    const job = instance.job as NonNullable<ElementInstanceState['job']>;
    job.retries = Math.max(0, Math.floor(command.retries));
    run.effects.push({ type: 'job.failed', key: instance.id, retries: job.retries, errorMessage: command.errorMessage });
    if (job.retries === 0) {
      run.raiseIncident(instance, 'JOB_NO_RETRIES', `任务失败且没有剩余重试：${command.errorMessage} / job failed with no retries left: ${command.errorMessage}`, 'job');
    }
  },

  throwError(run, command) {
    const instance = waitingJob(run, command.jobKey);
    run.guard(instance, 'job', () => {
      if (!throwToCatcher(run, 'error', command.errorCode, instance, command.variables)) {
        uncaughtError(run, instance, command.errorCode, command.errorMessage);
      }
    });
  },

  resolveIncident(run, command) {
    const incident = run.resolveIncidentRecord(command.incidentId);
    if (!incident) throw new InvalidCommandError(`事故 ${command.incidentId} 不存在 / incident ${command.incidentId} does not exist`, { incidentId: command.incidentId });
    const instance = run.instance(incident.elementInstanceId);
    const def = run.element(instance.elementId);
    switch (incident.resume) {
      case 'activate':
        run.runActivation(instance, def);
        return;
      case 'complete':
        run.complete(instance);
        return;
      case 'job': {
        const job = 'job' in def ? def.job : null;
        if (!job) throw new EngineError('WF_INVALID_STATE', `element ${def.id} has no job definition`);
        run.guard(instance, 'job', () => openJob(run, job, def.id, instance));
        return;
      }
      default:
        assertNever(incident.resume);
    }
  },

  setVariables(run, command) {
    const scope = command.elementInstanceId === null ? null : run.instance(command.elementInstanceId);
    for (const [name, value] of Object.entries(command.variables)) {
      if (scope) run.setLocalVariable(scope, name, value);
      else run.setVariable(null, name, value);
    }
  },

  cancelInstance(run) {
    run.terminateScope(null);
    for (const incidentId of Object.keys(run.state.incidents)) run.resolveIncidentRecord(incidentId);
    run.finishInstance('terminated');
  },

  fireTimer(run, command) {
    const sub = run.state.subscriptions[command.subscriptionId];
    // A late or repeated delivery of a firing already handled finds nothing to do.
    if (!sub || sub.kind !== 'timer' || sub.schedule.dueAt !== command.dueAt) return;
    triggerSubscription(run, sub, {});
  },

  correlateMessage(run, command) {
    const sub = run.state.subscriptions[command.subscriptionId];
    if (!sub || sub.kind !== 'message') return;
    triggerSubscription(run, sub, command.variables ?? {});
  },

  triggerSignal(run, command) {
    const sub = run.state.subscriptions[command.subscriptionId];
    if (!sub || sub.kind !== 'signal') return;
    triggerSubscription(run, sub, command.variables ?? {});
  },

  completeCallActivity(run, command) {
    const instance = waitingCall(run, command.elementInstanceId);
    if (!instance) return;
    const def = run.element(instance.elementId);
    delete instance.childInstanceId;
    const hasOutputs = (def.io?.outputs.length ?? 0) > 0;
    const propagate = def.kind === 'callActivity' && def.propagateAllChildVariables;
    run.complete(instance, propagate || hasOutputs ? command.variables : undefined);
  },

  childError(run, command) {
    // Caught here, or not at all: then the incident stays in the child, where it was thrown (Zeebe).
    const instance = waitingCall(run, command.elementInstanceId);
    if (instance) throwToCatcher(run, 'error', command.errorCode, instance);
  },

  childEscalation(run, command) {
    const instance = waitingCall(run, command.elementInstanceId);
    if (instance && !throwToCatcher(run, 'escalation', command.escalationCode, instance)) {
      run.events.push({ type: 'warning', elementId: instance.elementId, message: `升级事件 ${command.escalationCode} 未被捕获，流程继续 / escalation ${command.escalationCode} was not caught; the process goes on` });
    }
  },

  childTerminated(run, command) {
    const instance = waitingCall(run, command.elementInstanceId);
    if (!instance) return;
    delete instance.childInstanceId;
    const reason = command.reason ?? '被调用的子流程已被取消 / the called process was cancelled';
    run.raiseIncident(instance, 'CALLED_ELEMENT_ERROR', `${reason}；解决事故将重新启动它 / resolving the incident starts it again`, 'activate');
  },
};

/** Commands a host may deliver late or twice (at least once): on a finished instance they do nothing. */
const tolerant: ReadonlySet<Command['type']> = new Set(['fireTimer', 'correlateMessage', 'triggerSignal', 'completeCallActivity', 'childError', 'childEscalation', 'childTerminated']);

/**
 * Moves one process instance from one wait state to the next. Pure: the input state is not
 * mutated (unless `ctx.ownsState` hands it over), time and ids come from `ctx`, and the same
 * inputs give the same outputs.
 */
export function step(model: ExecutableModel, state: InstanceState | null, command: Command, ctx: StepContext): StepResult {
  const working = prepareState(model, state, command, ctx);
  const process = model.processes.get(working.processId);
  if (!process) throw new EngineError('WF_UNKNOWN_PROCESS', `流程 ${working.processId} 未部署 / process ${working.processId} is not deployed`, { processId: working.processId });
  if (working.status !== 'active') {
    if (tolerant.has(command.type)) return { state: working, effects: [], events: [] };
    throw new InvalidCommandError(`流程实例已结束（${working.status}）/ the process instance has ended (${working.status})`, { instanceId: working.instanceId });
  }
  const run = new Run(model, process, working, ctx);
  const handler = handlers[command.type] as Handler<Command>;
  try {
    handler(run, command);
  } catch (error) {
    if (error instanceof IncidentSignal) throw new EngineError('WF_INVALID_STATE', `incident escaped its element: ${error.message}`);
    throw error;
  }
  run.drain();
  return { state: run.state, effects: run.effects, events: run.events };
}

function prepareState(model: ExecutableModel, state: InstanceState | null, command: Command, ctx: StepContext): InstanceState {
  if (command.type === 'createInstance') {
    if (state !== null) throw new InvalidCommandError('createInstance takes no existing state');
    if (!model.processes.has(command.processId)) {
      throw new EngineError('WF_UNKNOWN_PROCESS', `流程 ${command.processId} 未部署 / process ${command.processId} is not deployed`, { processId: command.processId });
    }
    return {
      schemaVersion: STATE_SCHEMA_VERSION,
      instanceId: command.instanceId ?? ctx.newId(),
      processId: command.processId,
      status: 'active',
      variables: {},
      elements: {},
      joins: {},
      incidents: {},
      subscriptions: {},
      ...(command.parent ? { parent: command.parent } : {}),
    };
  }
  if (state === null) throw new InvalidCommandError(`${command.type} needs the instance state`);
  if (state.schemaVersion !== STATE_SCHEMA_VERSION) {
    throw new EngineError('WF_INVALID_STATE', `unsupported instance state schemaVersion ${String(state.schemaVersion)}`);
  }
  return ctx.ownsState === true ? state : cloneJson(state);
}

function waiting(run: Run, elementInstanceId: string, kind: 'userTask'): ElementInstanceState {
  const instance = run.state.elements[elementInstanceId];
  if (!instance || run.element(instance.elementId).kind !== kind || instance.status !== 'active' || instance.incidentId) {
    throw new InvalidCommandError(`任务 ${elementInstanceId} 不在等待办理 / task ${elementInstanceId} is not waiting to be completed`, { elementInstanceId });
  }
  return instance;
}

/** The call activity waiting for its child, or undefined when it is gone (a late notice). */
function waitingCall(run: Run, elementInstanceId: string): ElementInstanceState | undefined {
  const instance = run.state.elements[elementInstanceId];
  if (!instance || !instance.childInstanceId || instance.status !== 'active') return undefined;
  return instance;
}

function waitingJob(run: Run, jobKey: string): ElementInstanceState {
  const instance = run.state.elements[jobKey];
  if (!instance || !instance.job || instance.status !== 'active' || instance.incidentId) {
    throw new InvalidCommandError(`作业 ${jobKey} 不存在或不在等待 / job ${jobKey} does not exist or is not waiting`, { jobKey });
  }
  return instance;
}

function assertNever(value: never): never {
  throw new EngineError('WF_INVALID_STATE', `unexpected value ${String(value)}`);
}
