import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'runtime/**/*.test.ts', 'tests/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // How long `expect.poll` waits for a page or a socket to catch up (not a timing assertion):
    // its 1 s default is too short for a browser on a loaded two-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
