import { PopupEntries } from 'bpmn-js/lib/features/popup-menu/PopupEntries';
import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions';
import { targetSupported, type ElementTarget } from './element-target-support.js';

interface Registrable {
  registerProvider(...args: unknown[]): void;
}

type Entries = Record<string, { target?: ElementTarget } | undefined>;

function isTarget(value: unknown): value is ElementTarget {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Popup entry ids (replace menu) whose element the engine does not run. */
function unsupportedEntryIds(): Set<string> {
  const ids = new Set<string>(['toggle-loop']);
  for (const [id, definition] of Object.entries(PopupEntries as Record<string, { target?: unknown }>)) {
    if (isTarget(definition.target) && !targetSupported(definition.target)) {
      ids.add(`replace-with-${id}`);
      ids.add(id);
    }
  }
  for (const options of Object.values(ReplaceOptions as Record<string, unknown>)) {
    if (!Array.isArray(options)) continue;
    for (const option of options as { actionName?: string; target?: unknown }[]) {
      if (option.actionName !== undefined && isTarget(option.target) && !targetSupported(option.target)) ids.add(option.actionName);
    }
  }
  return ids;
}

function withoutUnsupported(entries: Entries, unsupported: ReadonlySet<string>): Entries {
  const kept: Entries = {};
  for (const [id, entry] of Object.entries(entries)) {
    const target = entry?.target;
    if (unsupported.has(id) || (isTarget(target) && !targetSupported(target))) continue;
    kept[id] = entry;
  }
  return kept;
}

/**
 * Offers only what the engine runs: removes palette, context-pad and replace-menu entries for
 * element types the engine's supported-element table marks as not (yet) supported.
 */
export default class SupportedElementsFilter {
  static $inject = ['palette', 'contextPad', 'popupMenu'];

  constructor(palette: Registrable, contextPad: Registrable, popupMenu: Registrable) {
    const unsupported = unsupportedEntryIds();
    const filter = () => (entries: Entries) => withoutUnsupported(entries, unsupported);
    // A low priority runs after bpmn-js's own providers, so their entries are all there.
    palette.registerProvider(100, { getPaletteEntries: filter });
    contextPad.registerProvider(100, { getContextPadEntries: filter });
    popupMenu.registerProvider('bpmn-replace', 100, { getPopupMenuEntries: filter, getPopupMenuHeaderEntries: filter });
  }
}
