import { parseBpmn, step } from '../../engine/index.js';
import type { ExecutableModel } from '../../engine/model/executable-model.js';
import type { InstanceState } from '../../engine/state/instance-state.js';
import type { Command } from '../../engine/step/command.js';
import type { Effect } from '../../engine/step/effect.js';
import type { EngineEvent } from '../../engine/step/event.js';
import type { StepContext } from '../../engine/step/step-context.js';

/** The two engine functions the runtime needs; injected so tests can wrap or replace them. */
export interface WorkflowEngine {
  parseBpmn(xml: string): Promise<ExecutableModel>;
  step(model: ExecutableModel, state: InstanceState | null, command: Command, ctx: StepContext): {
    readonly state: InstanceState;
    readonly effects: readonly Effect[];
    readonly events: readonly EngineEvent[];
  };
}

/** The real engine (`engine/index.ts`). */
export async function loadWorkflowEngine(): Promise<WorkflowEngine> {
  return { parseBpmn, step };
}
