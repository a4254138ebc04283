import { make } from "./ws";

export async function onConnect(userId: string, connectionId: string) {
  const manager = make(userId);
  manager.addConnection(connectionId);
}
