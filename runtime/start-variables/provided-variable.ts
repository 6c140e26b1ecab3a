import type { JsonObject, JsonValue } from '../../engine/state/json.js';
import type { SqlTx } from '../persistence/sql-database.js';

/** What a start brings that decides the variables the runtime provides. */
export interface StartFacts {
  readonly community: string;
  readonly definitionId: string;
  readonly variables: JsonObject | undefined;
  /** Who started it: a user id, `token:<id>`, `public-intake` (anonymous intake) or `system`. */
  readonly actor: string;
  /** A message, signal or timer start event; undefined for the none start event. */
  readonly startEventId: string | undefined;
  /** A call-activity child: its variables come from the parent's model, not from a person. */
  readonly calledByParent: boolean;
}

/**
 * A variable only the runtime sets: a case whose diagram mentions `name` gets it at start, in the
 * start's own transaction; nobody may give it at start or send it to a running case.
 */
export interface ProvidedVariable {
  readonly name: string;
  /** Where the value comes from, for the 422 that refuses it ("变量 x 由…提供"). */
  readonly source: { readonly zh: string; readonly en: string };
  /** The value a new case gets (null is a value: the variable is set to null). */
  value(tx: SqlTx, start: StartFacts): Promise<JsonValue>;
}
