export async function main(): Promise<void> {
  registry.connect("ws://primary");
  backup.connect("ws://backup");
}
