import { useI18n } from 'vue-i18n';
import { ApiError, localisedServerMessage } from '../api/api-error.js';

/** Turns whatever a call threw into one sentence in the UI language. */
export function useErrorMessage() {
  const { t, locale } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 403) return t('errors.forbidden');
      if (error.status === 401) return t('errors.unauthenticated');
      // A plain version conflict gets our wording; a 409 with its own reason (a form field a
      // published condition uses, a draft someone saved since) keeps the server's sentence.
      if (error.status === 409 && (error.code === 'WF_CONFLICT' || error.message === '')) return t('errors.conflict');
      if (error.message !== '') return localisedServerMessage(error.message, locale.value);
      return t('app.unknownError');
    }
    if (error instanceof TypeError) return t('app.networkError');
    return t('app.unknownError');
  };
}
