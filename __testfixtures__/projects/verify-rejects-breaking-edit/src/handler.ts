import { createWebSocketManager, type Manager } from "./factory";

export async function keep(userId: string) {
  const pending = createWebSocketManager(userId);
  const later: Promise<Manager> = pending;
  return later;
}
