import { bpmnEnUS } from './bpmn-en-US.js';
import { bpmnZhCN } from './bpmn-zh-CN.js';

/** Texts bpmn-js asked for that the current dictionary lacks (read by the untranslated-key test). */
export const untranslatedKeys = new Set<string>();

let currentLocale: 'zh-CN' | 'en-US' = 'zh-CN';

/** Which dictionary the next diagram uses; the modeler page sets it from the app's locale. */
export function setDiagramLocale(locale: string): void {
  currentLocale = locale === 'en-US' ? 'en-US' : 'zh-CN';
}

function isCjk(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

/**
 * bpmn-js's `translate(template, replacements)`: the English template looked up in our
 * dictionary (zh-CN), or our Chinese lint messages looked up in the English one (en-US), then
 * `{name}` placeholders filled in.
 */
export function customTranslate(template: string, replacements: Record<string, unknown> = {}): string {
  let text = template;
  if (currentLocale === 'zh-CN') {
    const found = bpmnZhCN[template];
    if (found !== undefined) text = found;
    else if (!isCjk(template) && template.trim() !== '') untranslatedKeys.add(template);
  } else {
    text = bpmnEnUS[template] ?? template;
  }
  return text.replace(/{([^}]+)}/g, (whole, name: string) => {
    const value = replacements[name];
    return value === undefined ? whole : String(value);
  });
}

// The browser test reads what the UI asked for but the dictionary lacked.
(globalThis as { __linliUntranslated?: Set<string> }).__linliUntranslated = untranslatedKeys;
