import { from, label, size } from "./observable";

export async function loadUser(id: string): Promise<string> {
  return id;
}

export async function handle(id: string) {
  const user$ = from(loadUser(id));
  void user$;
  label(loadUser(id) as unknown as string);
  return size(loadUser(id) as never);
}

export async function stored(id: string) {
  const pending = loadUser(id);
  return from(pending);
}

export async function storedAndUsed(id: string) {
  const pending = loadUser(id);
  from(pending);
  return pending.length;
}
