/** What the case measures can be grouped by. */
export const caseDimensions = ['community', 'process', 'category', 'building', 'handler', 'month'] as const;
export type CaseDimension = (typeof caseDimensions)[number];

/** Form fields that name a case's category in the shipped templates (complaint, opinion, patrol). */
export const categoryVariables = ['category', 'subject', 'patrolArea'] as const;

function variableText(names: readonly string[]): string {
  const list = names.map((name) => `'${name}'`).join(', ');
  return `(SELECT MIN(v.text_value) FROM wf_instance_variable v WHERE v.instance_id = p.id AND v.name IN (${list}))`;
}

/**
 * The SQL expression that yields a case's group for a dimension. `cs` is the calendar row of
 * the day the case started. Building numbers are number fields (num_value); they are grouped as
 * numbers and shown as text by the caller.
 */
export function dimensionSql(dimension: CaseDimension): string {
  switch (dimension) {
    case 'community':
      return 'p.community';
    case 'process':
      return 'p.process_key';
    case 'month':
      return 'cs.ym';
    case 'category':
      return variableText(categoryVariables);
    case 'handler':
      return variableText(['handlerGroup']);
    case 'building':
      return `(SELECT MIN(v.num_value) FROM wf_instance_variable v WHERE v.instance_id = p.id AND v.name = 'building')`;
    default: {
      const never: never = dimension;
      throw new Error(`unknown dimension ${String(never)}`);
    }
  }
}
