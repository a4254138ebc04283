import assert from "node:assert";
import { expect } from "vitest";

export async function valueAssertions(ctx: Context) {
  expect(createWebSocketManager(ctx)).toBe(1);
  expect(await createWebSocketManager(ctx)).toEqual({});
  expect(createWebSocketManager(ctx).name).to.equal("m");
  assert.equal(createWebSocketManager(ctx), 1);
  expect(createWebSocketManager(ctx)).toHaveProperty("rejects");
}

export async function notAssertModules(ctx: Context, other: Other) {
  await other.rejects(createWebSocketManager(ctx));
}
