import { EngineError } from '../errors.js';
import { FeelEvaluationError, type CompiledExpression, type FeelEnv, type ValueExpression } from '../feel/expression.js';
import type { ElementDef, ExecutableModel, ExecutableProcess, FlowDef } from '../model/executable-model.js';
import type { ElementInstanceState, IncidentState, InstanceState } from '../state/instance-state.js';
import type { JsonObject, JsonValue } from '../state/json.js';
import { behaviorOf } from './elements/index.js';
import { IncidentSignal } from './incident-signal.js';
import { activateBody, innerCompleted, isBody, isInner } from './multi-instance.js';
import { closeSubscriptionsOf, openBoundarySubscriptions } from './subscriptions.js';
import type { Trigger } from './triggers.js';
import type { Effect } from './effect.js';
import type { EngineEvent } from './event.js';
import { transition } from './lifecycle.js';
import type { StepContext } from './step-context.js';
import { lookupVariable, propagationTarget, setPath, visibleVariables } from './variables.js';

/** Work still to do inside one step; processed first in, first out. */
type Work =
  | {
      readonly op: 'activate';
      readonly elementId: string;
      readonly parentId: string | null;
      /** The event that fired, for boundary events, event sub-processes and won event-gateway targets. */
      readonly trigger?: Trigger;
      /** Set for an inner instance of a multi-instance body. */
      readonly loopIndex?: number;
    }
  | { readonly op: 'arrive'; readonly flow: FlowDef; readonly parentId: string | null };

/**
 * One step's working set: a private copy of the instance state, the agenda, and the effects
 * and events produced. Element behaviours call back into it; nothing here does I/O.
 */
export class Run {
  readonly effects: Effect[] = [];
  readonly events: EngineEvent[] = [];
  readonly feelEnv: FeelEnv;
  private agenda: Work[] = [];
  /** Triggers waiting for the element instance they activated (never persisted: consumed in the same step). */
  private readonly triggers = new Map<string, Trigger>();

  constructor(
    readonly model: ExecutableModel,
    readonly process: ExecutableProcess,
    readonly state: InstanceState,
    readonly ctx: StepContext,
  ) {
    this.feelEnv = {
      now: ctx.now,
      timeZone: ctx.timeZone ?? 'Asia/Shanghai',
      calendar: ctx.calendar,
      warn: (message) => this.events.push({ type: 'warning', elementId: this.warningElement, message }),
    };
  }

  /** Which element the next FEEL warnings belong to. */
  private warningElement = '';
  /** Set when an element instance ends: only then can a scope have become empty. */
  private scopesMayBeDone = true;

  element(elementId: string): ElementDef {
    const def = this.process.elements.get(elementId);
    if (!def) throw new EngineError('WF_INVALID_STATE', `element ${elementId} is not in process ${this.process.id}`);
    return def;
  }

  flow(flowId: string): FlowDef {
    const def = this.process.flows.get(flowId);
    if (!def) throw new EngineError('WF_INVALID_STATE', `flow ${flowId} is not in process ${this.process.id}`);
    return def;
  }

  // ---- agenda -------------------------------------------------------------------------

  schedule(work: Work): void {
    this.agenda.push(work);
  }

  /** Processes the agenda until every token rests in a wait state. */
  drain(): void {
    for (;;) {
      while (this.agenda.length > 0) {
        const work = this.agenda.shift() as Work;
        // Work for a scope that was terminated meanwhile is dropped with it.
        if (work.parentId !== null && !this.state.elements[work.parentId]) continue;
        if (work.op === 'activate') this.activate(work);
        else this.arrive(work.flow, work.parentId);
      }
      // Quiescent: inclusive joins and finished scopes can only be judged now.
      if (this.fireInclusiveJoins()) continue;
      if (this.completeFinishedScopes()) continue;
      return;
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------

  private activate(work: Extract<Work, { op: 'activate' }>): void {
    const { elementId, parentId } = work;
    const def = this.element(elementId);
    const instance: ElementInstanceState = { id: this.ctx.newId(), elementId, parentId, status: 'activating' };
    if (work.loopIndex !== undefined) instance.loopIndex = work.loopIndex;
    this.state.elements[instance.id] = instance;
    if (work.trigger) this.triggers.set(instance.id, work.trigger);
    this.events.push({ type: 'element.entered', elementId, elementInstanceId: instance.id, bpmnType: def.bpmnType });
    this.runActivation(instance, def);
  }

  /** The trigger that activated this element instance, if an event did. */
  takeTrigger(instanceId: string): Trigger | undefined {
    const trigger = this.triggers.get(instanceId);
    this.triggers.delete(instanceId);
    return trigger;
  }

  /** Input mappings, boundary subscriptions, then the element's own activation; failures become incidents. */
  runActivation(instance: ElementInstanceState, def: ElementDef): void {
    this.guard(instance, 'activate', () => {
      if (def.multiInstance && !isInner(instance)) {
        if (instance.status === 'activating') transition(instance, 'active');
        this.openBoundariesOnce(def, instance);
        activateBody(this, def, instance);
        return;
      }
      if (isInner(instance) && instance.variables === undefined) this.initInner(def, instance);
      if (def.io && def.io.inputs.length > 0) {
        const local: JsonObject = {};
        for (const mapping of def.io.inputs) {
          // From the instance itself: an inner multi-instance instance's item is visible to its inputs.
          const value = this.evaluate(mapping.source, instance, def.id);
          setPath(local, mapping.target.split('.'), value);
        }
        instance.variables = { ...instance.variables, ...local };
      }
      if (instance.status === 'activating') transition(instance, 'active');
      if (!isInner(instance)) this.openBoundariesOnce(def, instance);
      behaviorOf(def).activate(this, def, instance);
    });
  }

  /** Boundary subscriptions open with their activity; a resumed activation does not open them twice. */
  private openBoundariesOnce(def: ElementDef, instance: ElementInstanceState): void {
    if (def.boundaryEventIds.length === 0) return;
    if (Object.values(this.state.subscriptions).some((sub) => sub.ownerId === instance.id)) return;
    openBoundarySubscriptions(this, def, instance);
  }

  /** An inner instance's own variables: its item and loop counter (Zeebe's names). */
  private initInner(def: ElementDef, instance: ElementInstanceState): void {
    const body = this.instance(instance.parentId as string);
    const index = instance.loopIndex as number;
    const local: JsonObject = { loopCounter: index + 1 };
    const inputElement = def.multiInstance?.inputElement;
    if (inputElement) local[inputElement] = body.loop?.items[index] ?? null;
    instance.variables = local;
  }

  /**
   * Completes an element instance: merges the command's variables, applies output mappings,
   * then leaves through the outgoing flows the element chooses.
   */
  complete(instance: ElementInstanceState, variables?: JsonObject): void {
    const def = this.element(instance.elementId);
    if (instance.status === 'active') transition(instance, 'completing');
    this.guard(instance, 'complete', () => {
      if (variables) this.mergeCompletionVariables(instance, def, variables);
      const parentScope = instance.parentId === null ? null : this.instance(instance.parentId);
      if (isBody(instance)) {
        // The body hands its output collection to the enclosing scope.
        const name = def.multiInstance?.outputCollection;
        if (name) this.setVariable(parentScope, name, instance.variables?.[name] ?? []);
      } else if (def.io && def.io.outputs.length > 0) {
        const outputs: { target: string; value: JsonValue }[] = [];
        for (const mapping of def.io.outputs) {
          outputs.push({ target: mapping.target, value: this.evaluate(mapping.source, instance, def.id) });
        }
        const parent = instance.parentId === null ? null : this.instance(instance.parentId);
        for (const { target, value } of outputs) this.setVariable(parent, target, value);
      }
      const inner = isInner(instance);
      const flows = inner ? [] : isBody(instance) ? this.defaultOutgoing(def, instance) : (behaviorOf(def).leave?.(this, def, instance) ?? this.defaultOutgoing(def, instance));
      const afterInner = inner ? innerCompleted(this, def, instance) : null;
      transition(instance, 'completed');
      closeSubscriptionsOf(this, instance.id);
      delete this.state.elements[instance.id];
      this.scopesMayBeDone = true;
      this.events.push({ type: 'element.completed', elementId: def.id, elementInstanceId: instance.id, bpmnType: def.bpmnType });
      afterInner?.();
      for (const flow of flows) this.takeFlow(flow, instance.parentId);
    });
  }

  /** Job and task results: local when output mappings pick from them, else merged as Zeebe does. */
  private mergeCompletionVariables(instance: ElementInstanceState, def: ElementDef, variables: JsonObject): void {
    if (def.io && def.io.outputs.length > 0) {
      instance.variables = { ...instance.variables, ...variables };
      return;
    }
    // Zeebe's merge: a variable the element holds locally (an input mapping, a multi-instance item)
    // is updated there; any other goes to the nearest scope that has it, else the process.
    for (const [name, value] of Object.entries(variables)) this.setVariable(instance, name, value);
  }

  /** Terminates an element instance and everything inside it. */
  terminate(instance: ElementInstanceState): void {
    const def = this.element(instance.elementId);
    if (instance.status === 'completed' || instance.status === 'terminated') return;
    transition(instance, 'terminating');
    for (const child of this.childrenOf(instance.id)) this.terminate(child);
    delete this.state.joins[instance.id];
    closeSubscriptionsOf(this, instance.id);
    if (!isBody(instance)) behaviorOf(def).terminate?.(this, def, instance);
    if (instance.incidentId) this.resolveIncidentRecord(instance.incidentId);
    transition(instance, 'terminated');
    delete this.state.elements[instance.id];
    this.scopesMayBeDone = true;
    this.events.push({ type: 'element.terminated', elementId: def.id, elementInstanceId: instance.id, bpmnType: def.bpmnType });
  }

  /** Terminates every element instance directly in a scope (`null` = process scope). */
  terminateScope(scopeInstanceId: string | null): void {
    for (const child of this.childrenOf(scopeInstanceId)) this.terminate(child);
    delete this.state.joins[scopeKey(scopeInstanceId)];
    this.agenda = this.agenda.filter((work) => work.parentId !== scopeInstanceId);
  }

  childrenOf(scopeInstanceId: string | null): ElementInstanceState[] {
    return Object.values(this.state.elements).filter((e) => e.parentId === scopeInstanceId);
  }

  instance(id: string): ElementInstanceState {
    const found = this.state.elements[id];
    if (!found) throw new EngineError('WF_INVALID_STATE', `element instance ${id} does not exist`);
    return found;
  }

  // ---- sequence flows and joins -----------------------------------------------------------

  /** Outgoing flows of a non-gateway element: every unconditional flow plus every true condition, else the default. */
  defaultOutgoing(def: ElementDef, instance: ElementInstanceState): FlowDef[] {
    const taken: FlowDef[] = [];
    let defaultFlow: FlowDef | null = null;
    for (const flowId of def.outgoing) {
      const flow = this.flow(flowId);
      if (flow.isDefault) defaultFlow = flow;
      else if (!flow.condition || this.condition(flow, instance)) taken.push(flow);
    }
    if (taken.length === 0 && defaultFlow) taken.push(defaultFlow);
    return taken;
  }

  /** Evaluates a flow's condition; anything but a boolean is an incident on the element. */
  condition(flow: FlowDef, instance: ElementInstanceState): boolean {
    if (!flow.condition) return true;
    const value = this.evaluate(flow.condition, instance, flow.sourceId);
    // Zeebe's rule: anything but a boolean, null included, is an incident rather than a guess.
    if (typeof value === 'boolean') return value;
    throw new IncidentSignal(
      'CONDITION_ERROR',
      `顺序流 ${flow.id} 的条件结果不是布尔值（${JSON.stringify(value)}）/ condition of flow ${flow.id} returned ${JSON.stringify(value)}, not a boolean`,
    );
  }

  takeFlow(flow: FlowDef, parentId: string | null): void {
    this.events.push({ type: 'flow.taken', flowId: flow.id });
    this.schedule({ op: 'arrive', flow, parentId });
  }

  private arrive(flow: FlowDef, parentId: string | null): void {
    const target = this.element(flow.targetId);
    const joining = (target.kind === 'parallelGateway' || target.kind === 'inclusiveGateway') && target.incoming.length > 1;
    if (!joining) {
      this.activate({ op: 'activate', elementId: target.id, parentId });
      return;
    }
    const key = scopeKey(parentId);
    const waiting = (this.state.joins[key] ??= {});
    waiting[flow.id] = (waiting[flow.id] ?? 0) + 1;
    if (target.kind === 'parallelGateway' && target.incoming.every((id) => (waiting[id] ?? 0) > 0)) {
      this.consumeJoin(target, parentId);
    }
  }

  /** Removes one token per taken incoming flow and activates the joining gateway. */
  private consumeJoin(gateway: ElementDef, parentId: string | null): void {
    const key = scopeKey(parentId);
    const waiting = this.state.joins[key];
    if (!waiting) return;
    for (const id of gateway.incoming) {
      const count = waiting[id];
      if (count === undefined) continue;
      if (count <= 1) delete waiting[id];
      else waiting[id] = count - 1;
    }
    if (Object.keys(waiting).length === 0) delete this.state.joins[key];
    this.activate({ op: 'activate', elementId: gateway.id, parentId });
  }

  /**
   * An inclusive join fires once no live token in its scope can still reach it (computed
   * reachability, as Zeebe does). Returns whether any fired.
   */
  private fireInclusiveJoins(): boolean {
    if (this.process.canReachInclusiveJoin.size === 0) return false;
    for (const [key, waiting] of Object.entries(this.state.joins)) {
      const parentId = key === '' ? null : key;
      for (const gateway of this.waitingInclusiveGateways(waiting)) {
        if (!this.canStillReach(gateway, parentId, waiting)) {
          this.consumeJoin(gateway, parentId);
          return true;
        }
      }
    }
    return false;
  }

  private waitingInclusiveGateways(waiting: Record<string, number>): ElementDef[] {
    const found = new Map<string, ElementDef>();
    for (const flowId of Object.keys(waiting)) {
      const target = this.element(this.flow(flowId).targetId);
      if (target.kind === 'inclusiveGateway') found.set(target.id, target);
    }
    return [...found.values()];
  }

  private canStillReach(gateway: ElementDef, parentId: string | null, waiting: Record<string, number>): boolean {
    const reach = this.process.canReachInclusiveJoin.get(gateway.id);
    if (!reach) return false;
    for (const element of Object.values(this.state.elements)) {
      if (element.parentId === parentId && reach.has(element.elementId)) return true;
    }
    // Tokens held at other joins upstream of this one are alive too.
    for (const flowId of Object.keys(waiting)) {
      const target = this.flow(flowId).targetId;
      if (target !== gateway.id && reach.has(target)) return true;
    }
    return false;
  }

  /** Completes sub-processes (and the process) that have nothing left to do. */
  private completeFinishedScopes(): boolean {
    if (this.state.status !== 'active' || !this.scopesMayBeDone) return false;
    this.scopesMayBeDone = false;
    const busy = new Set<string | null>();
    for (const element of Object.values(this.state.elements)) busy.add(element.parentId);
    for (const key of Object.keys(this.state.joins)) busy.add(key === '' ? null : key);
    for (const element of Object.values(this.state.elements)) {
      const def = this.element(element.elementId);
      if (def.kind === 'subProcess' && !isBody(element) && element.status === 'active' && !element.incidentId && !busy.has(element.id)) {
        this.complete(element);
        return true;
      }
    }
    if (!busy.has(null)) {
      this.finishInstance('completed');
      return true;
    }
    return false;
  }

  finishInstance(status: 'completed' | 'terminated', reason?: string): void {
    closeSubscriptionsOf(this, null);
    this.agenda = [];
    this.state.status = status;
    this.events.push(status === 'completed' ? { type: 'instance.completed' } : { type: 'instance.terminated', ...(reason ? { reason } : {}) });
    const parent = this.state.parent;
    if (parent) {
      this.effects.push({
        type: 'parent.notify',
        parent,
        outcome: status === 'completed' ? { kind: 'completed', variables: this.state.variables } : { kind: 'terminated' },
      });
    }
  }

  // ---- variables and FEEL -------------------------------------------------------------

  /** Evaluates FEEL from an element instance's scope; failures become expression incidents. */
  evaluate(expression: CompiledExpression, from: ElementInstanceState | null, elementId: string): JsonValue {
    this.warningElement = elementId;
    try {
      return expression.evaluate((name) => lookupVariable(this.state, from, name), this.feelEnv) as JsonValue;
    } catch (error) {
      if (error instanceof FeelEvaluationError) {
        throw new IncidentSignal('EXPRESSION_ERROR', `表达式“${expression.source}”无法求值：${error.message} / cannot evaluate "${expression.source}": ${error.message}`);
      }
      throw error;
    }
  }

  /** A static attribute or FEEL, evaluated; null when absent. */
  value(expr: ValueExpression | null, from: ElementInstanceState | null, elementId: string): JsonValue {
    if (!expr) return null;
    return expr.kind === 'static' ? expr.value : this.evaluate(expr.expression, from, elementId);
  }

  visibleVariables(from: ElementInstanceState | null): JsonObject {
    return visibleVariables(this.state, from);
  }

  /** Sets a (possibly dotted) variable where Zeebe's propagation rule puts it. */
  setVariable(from: ElementInstanceState | null, name: string, value: JsonValue): void {
    const path = name.split('.');
    const { scope, vars } = propagationTarget(this.state, from, path[0] as string);
    setPath(vars, path, value);
    this.events.push({ type: 'variable.set', scope, name, value });
  }

  setLocalVariable(instance: ElementInstanceState, name: string, value: JsonValue): void {
    instance.variables = { ...instance.variables, [name]: value };
    this.events.push({ type: 'variable.set', scope: instance.id, name, value });
  }

  // ---- incidents ------------------------------------------------------------------------

  /** Runs an element's work; an IncidentSignal parks the element with an incident. */
  guard(instance: ElementInstanceState, resume: IncidentState['resume'], work: () => void): void {
    try {
      work();
    } catch (error) {
      if (!(error instanceof IncidentSignal)) throw error;
      this.raiseIncident(instance, error.kind, error.message, resume);
    }
  }

  raiseIncident(instance: ElementInstanceState, kind: IncidentState['kind'], message: string, resume: IncidentState['resume']): void {
    const incident: IncidentState = { id: this.ctx.newId(), elementInstanceId: instance.id, elementId: instance.elementId, kind, message, resume };
    this.state.incidents[incident.id] = incident;
    instance.incidentId = incident.id;
    this.effects.push({ type: 'incident.raised', incidentId: incident.id, elementId: instance.elementId, elementInstanceId: instance.id, kind, message });
    this.events.push({ type: 'incident.raised', incidentId: incident.id, elementId: instance.elementId, message });
  }

  resolveIncidentRecord(incidentId: string): IncidentState | undefined {
    const incident = this.state.incidents[incidentId];
    if (!incident) return undefined;
    delete this.state.incidents[incidentId];
    const instance = this.state.elements[incident.elementInstanceId];
    if (instance) delete instance.incidentId;
    this.effects.push({ type: 'incident.resolved', incidentId });
    this.events.push({ type: 'incident.resolved', incidentId });
    return incident;
  }
}

export function scopeKey(parentId: string | null): string {
  return parentId ?? '';
}
