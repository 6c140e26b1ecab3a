import { EntitySchema } from '@mikro-orm/core';

/** One deployed version of a process (BPMN XML) or form (form-js JSON) in a community. */
export interface Definition {
  id: string;
  community: string;
  kind: 'bpmn' | 'form';
  /** Process id or form id. */
  key: string;
  name: string | null;
  version: number;
  content: string;
  /** sha256 hex of `content`; a redeploy of the same content makes no new version. */
  contentHash: string;
  deployedBy: string;
  /** Epoch ms. */
  deployedAt: number;
}

export const definitionSchema = new EntitySchema<Definition>({
  name: 'Definition',
  tableName: 'wf_definition',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    kind: { type: 'string', length: 8 },
    key: { type: 'string', length: 255 },
    name: { type: 'string', length: 255, nullable: true },
    version: { type: 'integer' },
    content: { type: 'text' },
    contentHash: { type: 'string', length: 64 },
    deployedBy: { type: 'string', length: 128 },
    deployedAt: { type: 'bigint', columnType: 'bigint' },
  },
  uniques: [{ name: 'wf_definition_key_version_uq', properties: ['community', 'kind', 'key', 'version'] }],
  indexes: [{ name: 'wf_definition_hash_idx', properties: ['community', 'kind', 'key', 'contentHash'] }],
});
