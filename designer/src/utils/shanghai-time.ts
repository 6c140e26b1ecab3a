/** Every time on screen is Shanghai time, whatever the device's own time zone. */
export const shanghaiZone = 'Asia/Shanghai';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = dateTimeFormats.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(locale, { timeZone: shanghaiZone, ...options });
    dateTimeFormats.set(key, found);
  }
  return found;
}

/** "2026-11-26 15:04" in Shanghai time. */
export function formatDateTime(iso: string | null | undefined, locale = 'zh-CN'): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = formatter(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(date: Date): string {
  const parts = formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
