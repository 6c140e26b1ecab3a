/** FEEL for "N working days from now" over the mainland-China calendar (engine function). */
export function workingDaysFeel(days: number): string {
  return `=add working days(now(), ${days})`;
}

/** N when the expression is exactly "N working days from now", else null (hand-written FEEL). */
export function workingDaysOf(expression: unknown): number | null {
  if (typeof expression !== 'string') return null;
  const match = /^=\s*add working days\(\s*now\(\)\s*,\s*(\d+)\s*\)\s*$/.exec(expression);
  return match?.[1] === undefined ? null : Number(match[1]);
}
