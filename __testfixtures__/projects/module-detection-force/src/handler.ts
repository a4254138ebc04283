// tsc: "Cannot find name 'registry'": under "moduleDetection": "force" this file has its own scope.
async function handle() {
  registry.save();
}

void handle;
