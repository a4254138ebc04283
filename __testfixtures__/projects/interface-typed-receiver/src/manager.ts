export interface Manager {
  addConnection(id: string): void;
}
