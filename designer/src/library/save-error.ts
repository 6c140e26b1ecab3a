import { ElMessage } from 'element-plus';
import { ApiError } from '../api/api-error.js';

/**
 * Shows why a save or publish failed. A draft conflict (someone saved after this editor opened)
 * stays on screen until closed: the secretary must act on it before editing on.
 */
export function showSaveError(error: unknown, message: string): void {
  const conflict = error instanceof ApiError && error.code === 'WF_DRAFT_CONFLICT';
  ElMessage({ type: 'error', message, duration: conflict ? 0 : 3000, showClose: conflict, customClass: conflict ? 'draft-conflict' : '' });
}
