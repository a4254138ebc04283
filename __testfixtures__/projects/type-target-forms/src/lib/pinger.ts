export class Pinger {
  async pingAsync(): Promise<number> {
    return 3;
  }
}
