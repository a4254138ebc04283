import { cookies as readCookies } from "next/headers";
import * as headers from "next/headers";
import loadSettings from "./load-settings";

export async function loadRequest() {
  const jar = await readCookies();
  const session = (await headers.cookies()).get("session");
  const settings = await loadSettings();
  console.info(jar, session, settings);
}
