export class Cache extends Base {
  static async warm(): Promise<void> {
    await load("all");
  }

  public override async refresh(key: string): Promise<number> {
    return (await load(key)).size;
  }

  async ["computed"](key: string) {
    await load(key);
  }

  onChange = async (key: string): Promise<void> => {
    await load(key);
  };
}

const api = {
  async fetchBody(key: string) {
    return (await load(key)).body;
  },
  drop: async function (key: string) {
    await load(key);
  },
};
