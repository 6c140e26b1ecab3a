import { HttpError } from '../plugins/http-error.js';

/** Errors of the process and form library; as `HttpError`s the error handler keeps status and code. */
export class LibraryError extends HttpError {
  override name = 'LibraryError';
}

/** A stamp as people in Shanghai read it: 2026-03-02 09:15. */
function shanghaiTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export const libraryErrors = {
  /** Someone saved, published or discarded the draft after this editor opened it. */
  staleDraft: (key: string, current: { readonly revision: number; readonly draft: { readonly updatedBy: string; readonly updatedByName?: string | null; readonly updatedAt: string } | null }) =>
    new LibraryError(
      409,
      'WF_DRAFT_CONFLICT',
      current.draft === null
        ? `${key} 在你打开后已被发布或放弃草稿，请重新打开后再修改（可先导出你的修改）/ ${key} was published or its draft discarded after you opened it; reopen it (export your changes first)`
        : `草稿 ${key} 已被 ${current.draft.updatedByName ?? current.draft.updatedBy} 于 ${shanghaiTime(current.draft.updatedAt)} 保存，你的修改基于更早的版本。请重新打开后再修改（可先导出你的修改）/ draft ${key} was saved by ${current.draft.updatedByName ?? current.draft.updatedBy} at ${current.draft.updatedAt} after you opened it; reopen it (export your changes first)`,
      { key, revision: current.revision, updatedBy: current.draft?.updatedBy ?? null, updatedByName: current.draft?.updatedByName ?? null, updatedAt: current.draft?.updatedAt ?? null },
    ),
  formsMissing: (formIds: readonly string[]) =>
    new LibraryError(
      422,
      'WF_FORM_MISSING',
      `流程关联的表单不存在：${formIds.join('、')}。请先在表单库中创建并发布 / the process links forms that exist neither in this community nor in the sub-district's library: ${formIds.join(', ')}`,
      { formIds },
    ),
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
