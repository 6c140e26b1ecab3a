import { EngineError } from '../errors.js';

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** The in-memory host's clock: set or advanced by the caller, never the wall clock. */
export class ControllableClock {
  constructor(
    private current: number,
    private readonly moveTo: (target: number) => Promise<void>,
  ) {}

  now(): number {
    return this.current;
  }

  /** Sets the time (epoch ms); timers due on the way fire in due order, each at its due time. */
  async set(ms: number): Promise<void> {
    await this.moveTo(ms);
  }

  /** For the host only: moves the hand without firing anything. */
  setNow(ms: number): void {
    this.current = ms;
  }

  /** Moves the clock forward by an ISO 8601 duration of days and time (`P2D`, `PT1H30M`). */
  async advance(isoDuration: string): Promise<void> {
    await this.set(this.current + parseDurationMs(isoDuration));
  }
}

export function parseDurationMs(iso: string): number {
  const match = DURATION.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) throw new EngineError('WF_INVALID_COMMAND', `不是有效的时长：${iso} / not a valid duration: ${iso}`);
  const [, d, h, m, s] = match;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}
