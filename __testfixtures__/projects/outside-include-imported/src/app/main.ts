import { helper } from "../lib/helper";

export async function main(): Promise<void> {
  await helper();
}
