// No import or export, but an ES module: an .mts file.
class Registry {
  async save(): Promise<void> {}
}

const mtsRegistry = new Registry();
mtsRegistry.save().catch(() => undefined);
