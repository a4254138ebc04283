// A CommonJS script: its names are globals.
class Registry {
  async save(): Promise<void> {}
}

const scriptRegistry = new Registry();
