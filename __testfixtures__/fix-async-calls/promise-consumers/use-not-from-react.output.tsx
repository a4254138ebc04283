import { use } from "./hooks";
import { cookies } from "next/headers";

export async function readTheme() {
  return use(await cookies());
}
