// Preloaded (`node --import`) into each peer run: on exit, reports the process's CPU time
// (user + system, all threads) on stderr as one tagged line. Pipes are synchronous on Linux,
// so the line is written before the process ends. Plain JS: the peer runs without tsx.
process.on('exit', () => {
  const used = process.cpuUsage();
  process.stderr.write(`\n@@cpu ${JSON.stringify({ cpuMs: (used.user + used.system) / 1000 })}\n`);
});
