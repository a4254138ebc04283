export async function loadUser(id: string): Promise<string> {
  return id;
}

export function track(task: Promise<unknown>): void {
  void task;
}

export function schedule(job: Promise<void> | (() => void)): void {
  void job;
}

export function log(message: string): void {
  void message;
}

export async function handle(id: string) {
  track(loadUser(id));
  schedule(loadUser(id).then(() => undefined));
  log(loadUser(id));
}
