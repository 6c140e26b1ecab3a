import type { JsonObject } from '../../engine/state/json.js';
import { HttpError } from '../plugins/http-error.js';

const maxDepth = 32;
const maxProblems = 20;

/**
 * Checks that a parsed payload can be stored as instance variables and read back unchanged:
 * finite numbers (JSON.parse turns `1e400` into Infinity), bounded nesting, no `__proto__`.
 * Throws `WF_NOT_JSON_SAFE` naming each offending path; returns the value typed as JSON.
 */
export function assertJsonSafe(value: Record<string, unknown>, where: string): JsonObject {
  const problems: { path: string; message: string }[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    if (problems.length >= maxProblems) return;
    if (depth > maxDepth) {
      problems.push({ path, message: `嵌套超过 ${maxDepth} 层 / nested deeper than ${maxDepth} levels` });
      return;
    }
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) problems.push({ path, message: '数值超出范围 / number is not finite' });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}/${index}`, depth + 1));
      return;
    }
    if (typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
          problems.push({ path: `${path}/${key}`, message: '不允许的变量名 / forbidden name' });
          continue;
        }
        visit(child, `${path}/${key}`, depth + 1);
      }
      return;
    }
    problems.push({ path, message: '不是 JSON 值 / not a JSON value' });
  };
  visit(value, '', 0);
  if (problems.length > 0) {
    throw new HttpError(400, 'WF_NOT_JSON_SAFE', `${where} 不是可保存的 JSON / ${where} is not JSON-safe: ${problems.map((p) => p.path || '/').join(', ')}`, {
      problems: problems.map((p) => ({ ...p, path: `/${where}${p.path}` })),
    });
  }
  return value as JsonObject; // every node was checked above to be JSON
}
