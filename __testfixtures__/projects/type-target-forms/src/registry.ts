export default class Registry {
  async saveAsync(): Promise<number> {
    return 1;
  }
}
