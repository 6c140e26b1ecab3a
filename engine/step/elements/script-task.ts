import type { ScriptTaskDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';

/** `zeebe:script`: evaluates the FEEL expression and completes with the result variable. */
export const scriptTask: ElementBehavior<ScriptTaskDef> = {
  activate(run, def, instance) {
    const value = run.evaluate(def.expression, instance, def.id);
    run.complete(instance, { [def.resultVariable]: value });
  },
};
