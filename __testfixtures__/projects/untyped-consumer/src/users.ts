// `from` comes from a module the project does not have (a vendored file left out, an
// untyped package): the checker types it `any` and cannot say whether it takes the promise.
// @ts-ignore: the module is missing on purpose
import { from } from "../vendor/streams.js";
import { label } from "./label";

export async function loadUser(id: string): Promise<string> {
  return id;
}

export async function handle(id: string) {
  const user$ = from(loadUser(id));
  void user$;
  return label(loadUser(id) as unknown as string);
}
