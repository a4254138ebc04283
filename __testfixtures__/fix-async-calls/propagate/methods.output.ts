export class Cache {
  static async warm(): Promise<void> {
    await load("all");
  }

  public async refresh(key: string): Promise<number> {
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

// A plain class, extended here by a class that does not declare readAll again.
class Reader {
  async readAll(): Promise<string> {
    return (await load("all")).text;
  }
}

class LineReader extends Reader {
  lines(): number {
    return 0;
  }
}
