/** What the case measures can be grouped by. */
export const caseDimensions = ['community', 'process', 'category', 'building', 'handler', 'month'] as const;
export type CaseDimension = (typeof caseDimensions)[number];

/** Form fields that name a case's category in the shipped templates (complaint, opinion, patrol). */
export const categoryVariables = ['category', 'subject', 'patrolArea'] as const;

/** How a dimension groups cases: an expression, plus the joins it needs (on the variable table's primary key). */
export interface DimensionSql {
  readonly expr: string;
  readonly joins: string;
}

function variableJoin(alias: string, name: string): string {
  return `LEFT JOIN wf_instance_variable ${alias} ON ${alias}.instance_id = p.id AND ${alias}.name = '${name}'`;
}

/**
 * The SQL that yields a case's group for a dimension. `cs` is the calendar row of the day the
 * case started. Variables are joined on their primary key (instance, name), which is faster than
 * a sub-query per case. Building numbers are number fields (num_value), shown as text by the caller.
 */
export function dimensionSql(dimension: CaseDimension): DimensionSql {
  switch (dimension) {
    case 'community':
      return { expr: 'p.community', joins: '' };
    case 'process':
      return { expr: 'p.process_key', joins: '' };
    case 'month':
      return { expr: 'cs.ym', joins: '' };
    case 'category':
      return {
        expr: `COALESCE(${categoryVariables.map((_, i) => `dv${i}.text_value`).join(', ')})`,
        joins: categoryVariables.map((name, i) => variableJoin(`dv${i}`, name)).join('\n'),
      };
    case 'handler':
      return { expr: 'dv0.text_value', joins: variableJoin('dv0', 'handlerGroup') };
    case 'building':
      return { expr: 'dv0.num_value', joins: variableJoin('dv0', 'building') };
    default: {
      const never: never = dimension;
      throw new Error(`unknown dimension ${String(never)}`);
    }
  }
}
