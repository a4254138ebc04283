// A CommonJS script: it sees the other script's globals, not the modules' names.
async function handle() {
  scriptRegistry.save();
  esmRegistry.save();
  mtsRegistry.save();
}

void handle;
