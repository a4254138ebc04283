import open from "./factory";

export async function b() {
  const connection = open("ws://b");
  connection.send("hello");
}
