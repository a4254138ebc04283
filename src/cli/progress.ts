/**
 * A one-line progress bar on stderr, redrawn at most every 100 ms. Shown only
 * on a terminal, outside CI, and for runs of more than a handful of files.
 */
export interface Progress {
  update(done: number, total: number): void;
  clear(): void;
}

export const PROGRESS_MIN_FILES = 20;

export function createProgress(write: (text: string) => void, options: { enabled: boolean; columns: number }): Progress {
  if (!options.enabled) return { update() {}, clear() {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (total <= PROGRESS_MIN_FILES) return;
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      const width = Math.max(10, Math.min(40, options.columns - 30));
      const filled = Math.round((done / total) * width);
      write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} files`);
      drawn = true;
    },
    clear() {
      if (drawn) write("\r\x1b[2K");
      drawn = false;
    },
  };
}
