class Parser {
  onConnected(c: Conn): void {}
  again(c: Conn): void { this.onConnected(c); }
}
class Conn {
  parser = new Parser();
  onConnected(): void {
    load(this).check();
  }
  openAll(): void {
    this.onConnected();
    this.parser.onConnected(this);
  }
}
