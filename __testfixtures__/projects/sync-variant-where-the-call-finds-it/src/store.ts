export class Store {
  async putAsync(value: string): Promise<void> {
    this.put(value);
  }
  private put(value: string): void {
    void value;
  }
  async setAsync<T>(value: T): Promise<void> {
    this.set(value);
  }
  set<T>(value: T): void {
    void value;
  }
}
