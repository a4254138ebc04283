class Parser {
  onConnected(c: Conn): void {}
  again(c: Conn): void { this.onConnected(c); }
}
class Conn {
  parser = new Parser();
  async onConnected(): Promise<void> {
    (await load(this)).check();
  }
  async openAll(): Promise<void> {
    await this.onConnected();
    this.parser.onConnected(this);
  }
}
