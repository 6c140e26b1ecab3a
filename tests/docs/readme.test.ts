import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withSupportTable } from '../../scripts/readme-support-table.js';

describe('README', () => {
  it('should show the supported-elements table exactly as the engine declares it', async () => {
    // given
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

    // then: run `npm run readme:table` after changing engine/model/supported-elements.ts
    expect(readme).toBe(withSupportTable(readme));
  });
});
