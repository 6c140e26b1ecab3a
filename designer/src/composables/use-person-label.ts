import { useI18n } from 'vue-i18n';
import { useSession } from './use-session.js';

/**
 * How a case page names a person: by the name the server sent. Without one, staff see the
 * account id (a deleted account, a worker token, `system`); a resident sees「工作人员」, since the
 * server names only the resident herself to her and an account id means nothing to her.
 */
export function usePersonLabel(): (id: string, name: string | null | undefined) => string {
  const { t } = useI18n();
  const { isStaff } = useSession();
  return (id, name) => name ?? (isStaff.value ? id : t('case.staffMember'));
}
