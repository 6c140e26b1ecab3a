// Preloaded into benchmark nodes (NODE_OPTIONS="--expose-gc --import …"): SIGUSR2 runs a full
// garbage collection, so the benchmark reads the memory a node keeps, not where V8's lazy
// collector happens to be in its cycle.
process.on('SIGUSR2', () => globalThis.gc?.());
