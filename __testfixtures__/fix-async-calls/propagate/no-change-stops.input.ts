// Where a function cannot become async, the call is left for a person (manual), with the reason.
import { EventEmitter } from "node:events";

class Store {
  // A field initialiser and a static block are not functions.
  ready = load("field").ok;
  static {
    load("static");
  }

  constructor() {
    load("constructor").ok;
  }

  get size(): number {
    return load("getter").size;
  }

  set size(value: number) {
    load(String(value)).ok;
  }

  *keys(): Generator<string> {
    yield load("keys").first;
  }

  #secret(): void {
    load("private");
  }
}

// Callbacks: their callers do not await them.
[1, 2].map((id) => load(id).name);
[1, 2].forEach(function (id) {
  load(id).ok;
});
new EventEmitter().on("tick", () => {
  load("tick").ok;
});
new Promise((resolve) => resolve(load("executor").ok));

function onEvent(name: string): void {
  load(name).ok;
}
emitter.on("event", onEvent);

// A type predicate cannot be async.
function isLoaded(id: string): id is "x" {
  return load(id).ok;
}

// Called by nobody by name.
(function () {
  load("iife").ok;
})();

// A method is followed by its name on any receiver: a common name (get, run, load…) is left for a person.
class Registry {
  get(key: string) {
    return load(key).value;
  }
}
