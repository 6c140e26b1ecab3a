/** Reports why a timer text is unusable: a Chinese and an English phrase; never returns. */
export type FailTimer = (zh: string, en: string) => never;
