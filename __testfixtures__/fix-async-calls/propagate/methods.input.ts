export class Cache {
  static warm(): void {
    load("all");
  }

  public refresh(key: string): number {
    return load(key).size;
  }

  ["computed"](key: string) {
    load(key);
  }

  onChange = (key: string): void => {
    load(key);
  };
}

const api = {
  fetchBody(key: string) {
    return load(key).body;
  },
  drop: function (key: string) {
    load(key);
  },
};

// A plain class, extended here by a class that does not declare readAll again.
class Reader {
  readAll(): string {
    return load("all").text;
  }
}

class LineReader extends Reader {
  lines(): number {
    return 0;
  }
}
