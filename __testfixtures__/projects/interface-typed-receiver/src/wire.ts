import type { Manager } from "./manager";
import type { AgentRegistry, IAgentRegistry } from "./registry";
import type { ManagerCache } from "./cache";

export function wire(registry: IAgentRegistry, concrete: AgentRegistry, maybe: IAgentRegistry | undefined, cache: ManagerCache, manager: Manager) {
  registry.setWebsocketManagerAsync(manager);
  concrete.setWebsocketManagerAsync(manager);
  maybe?.setWebsocketManagerAsync(manager);
  cache.setWebsocketManagerAsync(manager);
}
