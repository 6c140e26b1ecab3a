import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError, localisedServerMessage, type FieldProblem } from '../api/api-error.js';
import type { JsonObject } from '../api/types.js';
import type { FormViewerHandle } from '../utils/form-submission.js';
import { useErrorMessage } from './use-error-message.js';

/**
 * The part of submitting a form that the start and task pages share: read the form (the browser's
 * own checks first), send, and show what the server refused on the fields it names, with a count.
 */
export function useFormSubmission(formViewer: Ref<FormViewerHandle | null>) {
  const { t, locale } = useI18n();
  const errorMessage = useErrorMessage();
  const submitting = ref(false);
  /** One line above the form: how many fields to fix, or the server's error. */
  const problem = ref('');
  /** Server problems about fields the form does not show. */
  const unplaced = ref<FieldProblem[]>([]);

  /**
   * The form's data and picked files; `null` when it is not ready or the browser found errors
   * (which the form shows). Without a form there is nothing to read.
   */
  function read(hasForm: boolean): { data: JsonObject; files: Map<string, File[]> } | null {
    problem.value = '';
    unplaced.value = [];
    if (!hasForm) return { data: {}, files: new Map() };
    const submission = formViewer.value?.submit() ?? null;
    if (submission === null) return null;
    const count = Object.keys(submission.errors).length;
    if (count > 0) {
      problem.value = t('task.validationFailed', { n: count });
      return null;
    }
    return { data: { ...submission.data }, files: submission.files };
  }

  /** Runs the request; `onConflict` takes a 409 (someone else was faster) when the page handles it. */
  async function send(request: () => Promise<void>, onConflict?: (message: string) => void): Promise<void> {
    submitting.value = true;
    try {
      await request();
    } catch (error) {
      if (onConflict !== undefined && error instanceof ApiError && error.isConflict) {
        onConflict(localisedServerMessage(error.message, locale.value));
      } else if (error instanceof ApiError && error.fieldProblems.length > 0) {
        const problems = error.fieldProblems.map((p) => ({ ...p, message: localisedServerMessage(p.message, locale.value) }));
        unplaced.value = formViewer.value?.showServerProblems(problems) ?? problems;
        problem.value = t('task.validationFailed', { n: problems.length });
      } else {
        problem.value = errorMessage(error);
      }
    } finally {
      submitting.value = false;
    }
  }

  return { submitting, problem, unplaced, read, send };
}
