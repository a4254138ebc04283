const arrow = async (id: string): Promise<number> => (await load(id)).size;

const block = async <T,>(id: T) => {
  await load(id);
};

const single = async id => (await load(id)).size;

const expression = async function (id: string): Promise<boolean> {
  return (await load(id)).ok;
};

const named = async function inner(id: string) {
  return (await load(id)).ok;
};
