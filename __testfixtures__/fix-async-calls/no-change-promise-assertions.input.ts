import assert from "node:assert";
import * as strict from "assert/strict";
import { rejects } from "assert";
import { expect } from "vitest";

export async function jestAndVitest(ctx: Context) {
  await expect(createWebSocketManager(ctx)).rejects.toThrow("x");
  await expect(createWebSocketManager(ctx)).resolves.toBe(1);
  await expect(createWebSocketManager(ctx)).resolves.not.toThrow();
}

export async function chaiAsPromised(ctx: Context) {
  await expect(createWebSocketManager(ctx)).to.be.rejectedWith(Error);
  await expect(createWebSocketManager(ctx)).to.eventually.equal(1);
  await expect(createWebSocketManager(ctx)).to.be.fulfilled;
  await expect(createWebSocketManager(ctx)).to.become(2);
  await createWebSocketManager(ctx).should.be.rejected;
  await createWebSocketManager(ctx).should.eventually.have.property("name");
}

export async function nodeAssert(ctx: Context) {
  await assert.rejects(createWebSocketManager(ctx), Error);
  await assert.doesNotReject(createWebSocketManager(ctx));
  await strict.rejects(createWebSocketManager(ctx));
  await rejects(createWebSocketManager(ctx));
}

export async function storedThenAsserted(ctx: Context) {
  const pending = createWebSocketManager(ctx);
  ctx.log("started");
  await expect(pending).rejects.toThrow();
}
