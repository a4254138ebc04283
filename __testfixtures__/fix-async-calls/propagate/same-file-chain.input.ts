// Three levels in one file, a method called on this, and a recursion cycle: each made async once.
function level1(id: string): string {
  return load(id).name;
}

function level2(id: string): string {
  return level1(id).toUpperCase();
}

export function level3(ids: string[]): void {
  for (const id of ids) console.log(level2(id));
}

function even(n: number): boolean {
  if (n === 0) return load("zero").ok;
  return odd(n - 1);
}

function odd(n: number): boolean {
  return n === 0 ? false : even(n - 1);
}

class Job {
  step(): void {
    load("step");
  }

  runAll(): void {
    this.step();
    this.step();
  }
}

// A sync variant still wins where there is one; in a function made async, the call is awaited.
function save(record: object): void {
  saveAsync(record);
}

function mixed(record: object): void {
  saveAsync(record);
  load("x");
}

// Another function of the same name in a nested scope is not the one made async.
function shadow() {
  const level1 = (id: string) => id;
  return level1("a");
}
