import type { Manager } from "./manager";

export interface IAgentRegistry {
  setWebsocketManager(manager: Manager): void;
  setWebsocketManagerAsync(manager: Manager): Promise<void>;
}

export class AgentRegistry implements IAgentRegistry {
  private manager: Manager | undefined;

  setWebsocketManager(manager: Manager): void {
    this.manager = manager;
  }

  async setWebsocketManagerAsync(manager: Manager): Promise<void> {
    this.setWebsocketManager(manager);
  }
}
