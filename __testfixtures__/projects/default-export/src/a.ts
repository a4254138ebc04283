import connect from "@app/factory";

export async function a() {
  connect("ws://a").send("hello");
}
