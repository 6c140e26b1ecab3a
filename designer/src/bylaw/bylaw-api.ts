import { apiRequest } from '../api/http-client.js';

/** One bylaw setting as `GET /api/bylaw` describes it (runtime/bylaw/bylaw-schemas.ts). */
export interface BylawSetting {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly unit: { readonly zh: string; readonly en: string };
  readonly basis: { readonly zh: string; readonly en: string };
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  readonly maxExclusive: boolean;
  readonly integer: boolean;
  /** The community's own value; null = the default applies. */
  readonly value: number | null;
  readonly effective: number;
}

export interface Bylaw {
  readonly community: string;
  readonly settings: BylawSetting[];
  readonly bylaw: Readonly<Record<string, number>>;
  readonly updatedBy: string | null;
  /** Who last changed them, by name (null when never changed or the account is gone). */
  readonly updatedByName: string | null;
  readonly updatedAt: string | null;
}

export const bylawApi = {
  get: () => apiRequest<Bylaw>('/bylaw'),
  /** Replaces the community's settings: keys left out (or null) take their default. */
  put: (settings: Record<string, number | null>, reason: string) => apiRequest<Bylaw>('/bylaw', { method: 'PUT', body: { settings, reason } }),
};
