export class Cache extends Base {
  static warm(): void {
    load("all");
  }

  public override refresh(key: string): number {
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
