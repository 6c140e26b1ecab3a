import { useI18n } from 'vue-i18n';
import { ApiError, localisedServerMessage } from '../api/api-error.js';

/** Turns whatever a call threw into one sentence in the UI language. */
export function useErrorMessage() {
  const { t, locale } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 403) return t('errors.forbidden');
      if (error.status === 401) return t('errors.unauthenticated');
      if (error.status === 409) return t('errors.conflict');
      if (error.message !== '') return localisedServerMessage(error.message, locale.value);
      return t('app.unknownError');
    }
    if (error instanceof TypeError) return t('app.networkError');
    return t('app.unknownError');
  };
}
