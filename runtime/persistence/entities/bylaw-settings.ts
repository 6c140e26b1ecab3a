import { EntitySchema } from '@mikro-orm/core';

/** The bylaw settings (规约参数) a community admin set; keys not set take the legal or template default. */
export interface BylawSettingsRow {
  community: string;
  /** The validated settings as JSON: `{ "<key>": number, … }` (runtime/bylaw/bylaw-settings.ts). */
  settings: string;
  updatedBy: string;
  updatedAt: number;
}

export const bylawSettingsSchema = new EntitySchema<BylawSettingsRow>({
  name: 'BylawSettings',
  tableName: 'wf_bylaw_settings',
  properties: {
    community: { type: 'string', length: 64, primary: true },
    settings: { type: 'text' },
    updatedBy: { type: 'string', length: 128 },
    updatedAt: { type: 'bigint', columnType: 'bigint' },
  },
});
