import { i18n } from '../i18n/index.js';
import { designerEnUS } from './designer-messages-en-US.js';
import { designerZhCN } from './designer-messages-zh-CN.js';

let installed = false;

/**
 * Adds the designer's texts (`designer.*`) to the app's messages when a designer page first
 * loads, so the inbox's bundle does not carry them.
 */
export function installDesignerMessages(): void {
  if (installed) return;
  installed = true;
  i18n.global.mergeLocaleMessage('zh-CN', { designer: designerZhCN });
  i18n.global.mergeLocaleMessage('en-US', { designer: designerEnUS });
}
