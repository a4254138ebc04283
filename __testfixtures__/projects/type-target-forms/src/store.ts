export const Store = class {
  async syncAsync(): Promise<number> {
    return 2;
  }
};
export type Store = InstanceType<typeof Store>;
