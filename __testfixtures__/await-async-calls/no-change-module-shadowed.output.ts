import { cookies } from "next/headers";
import { connect } from "./db";

export async function renderWith(cookies: () => Jar) {
  // a test double passed in, not next/headers
  const jar = cookies();
  jar.clear();
}

export async function withLocal() {
  const connect = (url: string) => ({ url });
  console.info(connect("memory://").url);
}
