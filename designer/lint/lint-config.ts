/// <reference path="./bpmnlint.d.ts" />
import endEventRequired from 'bpmnlint/rules/end-event-required';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import type { LintRuleFactory } from './lint-node.js';
import { conditionFormField } from './rules/condition-form-field.js';
import { gatewayBranchCondition } from './rules/gateway-branch-condition.js';
import { supportedElement } from './rules/supported-element.js';
import { userTaskRole } from './rules/user-task-role.js';

/** Our rules under the plugin name `linli` (bpmnlint resolves `linli/x` to package `bpmnlint-plugin-linli`). */
export const linliRules: Readonly<Record<string, LintRuleFactory>> = {
  'supported-element': supportedElement,
  'user-task-role': userTaskRole,
  'gateway-branch-condition': gatewayBranchCondition,
  'condition-form-field': conditionFormField,
};

// bpmnlint's own rules are CommonJS factories of the same shape; their English messages are
// translated by the modeler's dictionary.
const bpmnlintRules: Readonly<Record<string, LintRuleFactory>> = {
  'start-event-required': startEventRequired as LintRuleFactory,
  'end-event-required': endEventRequired as LintRuleFactory,
  'no-disconnected': noDisconnected as LintRuleFactory,
};

/** `{ config, resolver }` as bpmnlint's `Linter` and bpmn-js-bpmnlint take it: every rule an error. */
export const lintConfig = {
  config: {
    rules: {
      ...Object.fromEntries(Object.keys(linliRules).map((name) => [`linli/${name}`, 'error'])),
      ...Object.fromEntries(Object.keys(bpmnlintRules).map((name) => [`bpmnlint/${name}`, 'error'])),
    },
  },
  resolver: {
    resolveRule(pkg: string, ruleName: string): LintRuleFactory {
      const rule = pkg === 'bpmnlint-plugin-linli' ? linliRules[ruleName] : pkg === 'bpmnlint' ? bpmnlintRules[ruleName] : undefined;
      if (rule === undefined) throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
      return rule;
    },
    resolveConfig(pkg: string, configName: string): never {
      throw new Error(`no lint config ${pkg}/${configName}`);
    },
  },
};
