/**
 * Replaces fixed English texts inside `root` (text nodes, placeholders, titles) by the
 * dictionary's, now and after every re-render. Preact diffs against its own virtual tree, so it
 * leaves replaced text alone until the text itself changes, when the observer translates again.
 */
export function translateRenderedTexts(root: HTMLElement, dictionary: Readonly<Record<string, string>>): () => void {
  const apply = (): void => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const found = dictionary[text.trim()];
      if (found !== undefined && found !== text.trim()) node.nodeValue = text.replace(text.trim(), found);
    }
    root.querySelectorAll<HTMLElement>('[placeholder], [title]').forEach((element) => {
      const placeholder = element.getAttribute('placeholder');
      const title = element.getAttribute('title');
      if (placeholder !== null && dictionary[placeholder] !== undefined) element.setAttribute('placeholder', dictionary[placeholder] ?? placeholder);
      if (title !== null && dictionary[title] !== undefined) element.setAttribute('title', dictionary[title] ?? title);
    });
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
