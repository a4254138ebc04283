import { cookies as readCookies } from "next/headers";
import * as headers from "next/headers";
import loadSettings from "./load-settings";

export async function loadRequest() {
  const jar = readCookies();
  const session = headers.cookies().get("session");
  const settings = loadSettings();
  console.info(jar, session, settings);
}
