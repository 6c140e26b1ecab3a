import type { JsonObject } from '../../engine/state/json.js';
import { toText, type SqlTx } from '../persistence/sql-database.js';
import type { ProvidedVariable, StartFacts } from './provided-variable.js';
import { providedVariables } from './provided-variables.js';
import { AT_START, providedAmong, refusal } from './refuse-provided-variables.js';

/** Definitions remembered per service; ids never change meaning, so entries never go stale. */
const MAX_REMEMBERED = 5_000;

/**
 * Adds the variables the runtime provides (provided-variables.ts) to each new case, in the start's
 * own transaction:
 * - a person or integration may not bring one (start form, API, public intake, message or signal
 *   start): refused with 422 naming it;
 * - a call-activity child keeps the one its parent's input mapping passed; without one it gets
 *   the value the runtime gives (for `bylaw` the community's current settings, for `initiator` null);
 * - only processes whose diagram mentions the variable's name get it, so other cases carry no
 *   extra variable.
 */
export class StartVariables {
  private readonly mentions = new Map<string, readonly ProvidedVariable[]>();

  constructor(private readonly provided: readonly ProvidedVariable[] = providedVariables) {}

  async startVariables(tx: SqlTx, start: StartFacts): Promise<JsonObject | undefined> {
    const given = providedAmong(start.variables, this.provided);
    if (given.length > 0 && !start.calledByParent) throw refusal(given, AT_START);
    const missing = (await this.mentioned(tx, start.definitionId)).filter((variable) => !given.includes(variable));
    if (missing.length === 0) return start.variables;
    const added: JsonObject = {};
    for (const variable of missing) added[variable.name] = await variable.value(tx, start);
    return { ...start.variables, ...added };
  }

  /** The provided variables whose name the definition's diagram mentions (as a whole word). */
  private async mentioned(tx: SqlTx, definitionId: string): Promise<readonly ProvidedVariable[]> {
    const known = this.mentions.get(definitionId);
    if (known !== undefined) return known;
    const row = await tx.get('SELECT content FROM wf_definition WHERE id = ?', [definitionId]);
    const content = row === undefined ? '' : toText(row.content);
    const found = this.provided.filter((variable) => new RegExp(`\\b${variable.name}\\b`).test(content));
    if (this.mentions.size >= MAX_REMEMBERED) this.mentions.clear();
    this.mentions.set(definitionId, found);
    return found;
  }
}
