// No import or export, but an ES module: the nearest package.json says "type": "module".
class Registry {
  async save(): Promise<void> {}
}

const esmRegistry = new Registry();
esmRegistry.save().catch(() => undefined);
