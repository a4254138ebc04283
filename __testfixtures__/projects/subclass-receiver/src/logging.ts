import type { Manager } from "./manager";
import { AgentRegistry } from "./registry";

export class LoggingRegistry extends AgentRegistry {
  log = true;
}

export async function attach(registry: LoggingRegistry, manager: Manager) {
  registry.setWebsocketManagerAsync(manager);
}

export async function attachAny<T extends AgentRegistry>(registry: T, manager: Manager) {
  registry.setWebsocketManagerAsync(manager);
}
