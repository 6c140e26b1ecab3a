type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * form-js 1.23 writes its validation messages and a few labels in English with no translation
 * hook; these rules turn them into the UI language. Anything unknown stays as it is.
 */
const validationRules: { pattern: RegExp; key: string; value?: (match: RegExpMatchArray) => string }[] = [
  { pattern: /^Field is required\.$/, key: 'form.required' },
  { pattern: /^Field must have minimum length of (\d+)\.$/, key: 'form.minLength', value: (m) => m[1] ?? '' },
  { pattern: /^Field must have maximum length of (\d+)\.$/, key: 'form.maxLength', value: (m) => m[1] ?? '' },
  { pattern: /^Field must have minimum value of (.+)\.$/, key: 'form.min', value: (m) => m[1] ?? '' },
  { pattern: /^Field must have maximum value of (.+)\.$/, key: 'form.max', value: (m) => m[1] ?? '' },
  { pattern: /^Field must match pattern .*\.$/s, key: 'form.pattern' },
  { pattern: /^Field must be a valid +international phone number.*$/, key: 'form.phone' },
  { pattern: /^Field must be a valid email\.$/, key: 'form.email' },
  { pattern: /^Value is not a number\.?$/i, key: 'form.invalidNumber' },
];

export function translateValidationMessage(message: string, t: Translate): string {
  for (const rule of validationRules) {
    const match = message.match(rule.pattern);
    if (match !== null) return t(rule.key, rule.value === undefined ? {} : { n: rule.value(match) });
  }
  return message;
}

/** Fixed English texts form-js renders as element text or placeholders. */
const staticTexts: Record<string, string> = {
  Select: 'form.select',
  Search: 'form.search',
  'No results': 'form.noResults',
  'All values selected': 'form.noOptions',
  'No options': 'form.noOptions',
  Browse: 'attachments.upload',
  'No files selected': 'attachments.empty',
  Date: 'form.date',
  Time: 'form.time',
};

/** Rewrites form-js's fixed English texts inside `root` now and whenever it re-renders. */
export function translateStaticTexts(root: HTMLElement, t: Translate): () => void {
  const apply = (): void => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const key = staticTexts[(node.nodeValue ?? '').trim()];
      if (key !== undefined) node.nodeValue = t(key);
    }
    root.querySelectorAll<HTMLInputElement>('input[placeholder]').forEach((input) => {
      const key = staticTexts[input.placeholder];
      if (key !== undefined) input.placeholder = t(key);
    });
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
