// Targets from the performance issue, shown next to the measurements.
export const TARGETS = {
  samplesPerSecond: { wasm: { deep: 10_000, vae: 8_000, conv: 1_000 } },
  activationMs: 50,
  eventLoopP99Ms: 20,
  trainerRssMb: 1024,
};
