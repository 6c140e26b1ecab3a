import { HttpError } from '../plugins/http-error.js';

/** Errors of the process and form library; as `HttpError`s the error handler keeps status and code. */
export class LibraryError extends HttpError {
  override name = 'LibraryError';
}

export const libraryErrors = {
  templateNotFound: (key: string) => new LibraryError(404, 'WF_TEMPLATE_NOT_FOUND', `没有模板 ${key} / no template ${key}`, { key }),
  nothingToEdit: (key: string) => new LibraryError(404, 'WF_NOT_FOUND', `流程库中没有 ${key} / ${key} is not in the library`, { key }),
  alreadyInLibrary: (key: string) =>
    new LibraryError(409, 'WF_ALREADY_EXISTS', `本社区已有流程 ${key}，请直接编辑 / the community already has process ${key}; edit it instead`, { key }),
  fieldInUse: (uses: readonly { field: string; processKey: string }[]) =>
    new LibraryError(
      409,
      'WF_FORM_FIELD_IN_USE',
      `不能删除字段：${uses.map((use) => `“${use.field}”被已发布流程 ${use.processKey} 的分支条件使用`).join('；')} / cannot remove fields used by conditions of published processes: ${uses.map((use) => `${use.field} (${use.processKey})`).join(', ')}`,
      { uses },
    ),
  invalidForm: (reason: string) => new LibraryError(422, 'WF_FORM_INVALID', `表单无效：${reason} / the form is invalid: ${reason}`),
};
