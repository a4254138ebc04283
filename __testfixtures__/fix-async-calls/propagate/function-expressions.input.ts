const arrow = (id: string): number => load(id).size;

const block = <T,>(id: T) => {
  load(id);
};

const single = id => load(id).size;

const expression = function (id: string): boolean {
  return load(id).ok;
};

const named = function inner(id: string) {
  return load(id).ok;
};
