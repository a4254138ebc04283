export interface UserContext {
  readonly userId: string;
  readonly settings: { load(): Promise<void> };
}

export interface Connection {
  readonly id: string;
}
