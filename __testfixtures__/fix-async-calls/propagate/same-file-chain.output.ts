// Three levels in one file, a method called on this, and a recursion cycle: each made async once.
async function level1(id: string): Promise<string> {
  return (await load(id)).name;
}

async function level2(id: string): Promise<string> {
  return (await level1(id)).toUpperCase();
}

export async function level3(ids: string[]): Promise<void> {
  for (const id of ids) console.log(await level2(id));
}

async function even(n: number): Promise<boolean> {
  if (n === 0) return (await load("zero")).ok;
  return odd(n - 1);
}

async function odd(n: number): Promise<boolean> {
  return n === 0 ? false : even(n - 1);
}

class Job {
  async step(): Promise<void> {
    await load("step");
  }

  async runAll(): Promise<void> {
    await this.step();
    await this.step();
  }
}

// A sync variant still wins where there is one; in a function made async, the call is awaited.
function save(record: object): void {
  save(record);
}

async function mixed(record: object): Promise<void> {
  await saveAsync(record);
  await load("x");
}

// Another function of the same name in a nested scope is not the one made async.
function shadow() {
  const level1 = (id: string) => id;
  return level1("a");
}
