import type { JsonObject } from '../../engine/state/json.js';
import { toText, type SqlTx } from '../persistence/sql-database.js';
import { WorkflowValidationError } from '../services/errors.js';
import { effectiveBylaw } from './bylaw-settings.js';
import { readBylaw } from './bylaw-store.js';

/** The variable the templates read their thresholds from; only the runtime sets it at start. */
export const BYLAW_VARIABLE = 'bylaw';

/**
 * Refuses `bylaw` among the variables a person or an integration sends to a running case (task
 * completion, job completion or BPMN error, message, signal): a case keeps the settings it
 * started with. The audited variable edit of a community admin remains the one way to change them.
 */
export function refuseBylawVariable(variables: JsonObject | undefined, when: { readonly zh: string; readonly en: string }): void {
  if (variables === undefined || !Object.hasOwn(variables, BYLAW_VARIABLE)) return;
  throw new WorkflowValidationError(
    [{ elementId: null, elementType: null, field: BYLAW_VARIABLE, message: `变量 bylaw 由本居民区的规约参数提供，${when.zh}时不能填写 / the variable bylaw comes from the community bylaw settings and cannot be given ${when.en}` }],
    `${when.zh}时不能填写变量 bylaw / bylaw cannot be given ${when.en}`,
  );
}

/** What a start brings that decides the `bylaw` variable. */
export interface BylawStart {
  readonly community: string;
  readonly definitionId: string;
  readonly variables: JsonObject | undefined;
  /** A call-activity child: its variables come from the parent's model, not from a person. */
  readonly calledByParent: boolean;
}

/** Definitions remembered per service; ids never change meaning, so entries never go stale. */
const MAX_REMEMBERED = 5_000;

/**
 * Gives each new case the community's bylaw settings (规约参数) as the variable `bylaw`, read in
 * the start's own transaction, merged over the defaults:
 * - a person or integration may not bring `bylaw` (start form, API, public intake, message or
 *   signal start): refused with 422 naming it, so nobody votes under thresholds of their own;
 * - a call-activity child keeps the `bylaw` its parent's input mapping passed (the settings the
 *   parent case started with); without one it gets the community's current settings;
 * - only processes whose diagram mentions `bylaw` get it, so other cases carry no extra variable.
 * A running case keeps the settings it started with: a later change applies to new cases only.
 */
export class BylawInjector {
  private readonly mentions = new Map<string, boolean>();

  async startVariables(tx: SqlTx, start: BylawStart): Promise<JsonObject | undefined> {
    const given = start.variables !== undefined && Object.hasOwn(start.variables, BYLAW_VARIABLE);
    if (given && !start.calledByParent) {
      throw new WorkflowValidationError(
        [{ elementId: null, elementType: null, field: BYLAW_VARIABLE, message: '变量 bylaw 由本居民区的规约参数提供，发起时不能填写 / the variable bylaw comes from the community bylaw settings and cannot be given at start' }],
        '发起时不能填写变量 bylaw / bylaw cannot be given at start',
      );
    }
    if (given || !(await this.readsBylaw(tx, start.definitionId))) return start.variables;
    const settings = effectiveBylaw((await readBylaw(tx, start.community)).values);
    return { ...start.variables, [BYLAW_VARIABLE]: settings };
  }

  private async readsBylaw(tx: SqlTx, definitionId: string): Promise<boolean> {
    const known = this.mentions.get(definitionId);
    if (known !== undefined) return known;
    const row = await tx.get('SELECT content FROM wf_definition WHERE id = ?', [definitionId]);
    const reads = row !== undefined && /\bbylaw\b/.test(toText(row.content));
    if (this.mentions.size >= MAX_REMEMBERED) this.mentions.clear();
    this.mentions.set(definitionId, reads);
    return reads;
  }
}
