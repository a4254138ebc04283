// No import or export: a script, unless the tsconfig forces every file to be a module.
class Registry {
  async save(): Promise<void> {}
}

const registry = new Registry();
registry.save().catch(() => undefined);
