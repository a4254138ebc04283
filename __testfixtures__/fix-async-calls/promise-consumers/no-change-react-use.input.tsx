import { use } from "react";
import * as React from "react";
import { cookies } from "next/headers";

export function Theme() {
  const store = use(cookies());
  return <div>{store.get("theme")}</div>;
}

export function Lang() {
  return <div>{React.use(cookies()).get("lang")}</div>;
}

export async function readTheme() {
  return use(cookies());
}
