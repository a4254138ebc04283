/**
 * Growth checks: how much longer a run takes on 4x or 8x the input, never an
 * absolute time. Measured in this process's CPU time, not wall time, so the
 * other test worker and the processes it spawns on a 2-core machine do not
 * count; the two sizes are timed in turns, so what load remains (caches,
 * garbage collection) falls on both alike, and the fastest run of each counts.
 */
export function growthRatio(small: () => void, large: () => void, runs = 5): number {
  small();
  large();
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < runs; i++) {
    bestSmall = Math.min(bestSmall, cpuTime(small));
    bestLarge = Math.min(bestLarge, cpuTime(large));
  }
  return bestLarge / bestSmall;
}

function cpuTime(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}
