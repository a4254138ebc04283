// A member of a class hierarchy is left for a person: making it async alone breaks the
// other implementations, and the callers through the base class or interface.
interface Sized {
  measure(key: string): number;
}

class MemoryStore implements Sized {
  measure(key: string): number {
    return load(key).size;
  }
}

class CachedStore extends MemoryStore {
  static warmAll(): void {
    load("all").ok;
  }

  refresh = (key: string): void => {
    load(key).ok;
  };
}

const Remote = class extends mixin(MemoryStore) implements Sized, Disposable {
  release(): void {
    load("release").ok;
  }
};

// The base of an override in this file, static or not.
class Shape {
  area(): number {
    return load("shape").size;
  }

  static describe(): string {
    return load("shape").name;
  }
}

class Square extends Shape {
  area(): number {
    return 4;
  }

  static describe(): string {
    return "square";
  }
}
