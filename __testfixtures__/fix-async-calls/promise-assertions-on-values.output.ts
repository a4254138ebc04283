import assert from "node:assert";
import { expect } from "vitest";

export async function valueAssertions(ctx: Context) {
  expect(await createWebSocketManager(ctx)).toBe(1);
  expect(await createWebSocketManager(ctx)).toEqual({});
  expect((await createWebSocketManager(ctx)).name).to.equal("m");
  assert.equal(await createWebSocketManager(ctx), 1);
  expect(await createWebSocketManager(ctx)).toHaveProperty("rejects");
}

export async function notAssertModules(ctx: Context, other: Other) {
  await other.rejects(await createWebSocketManager(ctx));
}
