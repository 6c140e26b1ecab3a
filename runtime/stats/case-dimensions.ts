/** What the case measures can be grouped by. */
export const caseDimensions = ['community', 'process', 'category', 'building', 'handler', 'month'] as const;
export type CaseDimension = (typeof caseDimensions)[number];

/** Form fields that name a case's category in the shipped templates (complaint, opinion, patrol), first found wins. */
export const categoryVariables = ['category', 'subject', 'patrolArea'] as const;

/**
 * The SQL that yields a case's group for a dimension, over the case summary `s` (see
 * case-summary.ts) and `cs`, the calendar row of the day the case started. Building numbers are
 * number fields, shown as text by the caller.
 */
export function dimensionSql(dimension: CaseDimension): string {
  switch (dimension) {
    case 'community':
      return 's.community';
    case 'process':
      return 's.process_key';
    case 'month':
      return 'cs.ym';
    case 'category':
      return 's.category';
    case 'handler':
      return 's.handler';
    case 'building':
      return 's.building';
    default: {
      const never: never = dimension;
      throw new Error(`unknown dimension ${String(never)}`);
    }
  }
}
