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

  handler = async (key: string): Promise<void> => {
    await load(key);
  };
}

const api = {
  async fetch(key: string) {
    return (await load(key)).body;
  },
  drop: async function (key: string) {
    await load(key);
  },
};
