/** Which timer attribute the text came from (`bpmn:timeDate`, `timeDuration`, `timeCycle`). */
export type TimerKind = 'date' | 'duration' | 'cycle';

/** The longest text an error message quotes; the rest is cut so a 10k-character input stays readable. */
const QUOTE_LIMIT = 80;

/**
 * A timer text (static or the result of a FEEL expression) that cannot be scheduled. Code
 * `WF_TIMER_FORMAT`; the message names the problem in Chinese, then English, and quotes the text.
 */
export class TimerFormatError extends Error {
  readonly code = 'WF_TIMER_FORMAT';
  readonly details: Readonly<{ kind: TimerKind; text: string }>;

  constructor(
    readonly kind: TimerKind,
    text: string,
    problem: { readonly zh: string; readonly en: string },
  ) {
    const shown = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…（共 ${text.length} 个字符）` : text;
    super(`定时器格式无效：${problem.zh}：「${shown}」 / invalid timer ${kind}: ${problem.en}: "${shown}"`);
    this.name = 'TimerFormatError';
    this.details = { kind, text: shown };
  }
}
