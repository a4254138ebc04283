/**
 * Names too common to follow by name alone: `init --discover` does not offer
 * them as targets, and propagation does not carry a method of such a name up
 * (its callers would be found on unrelated objects).
 */

/** Names of at most this many characters are skipped. */
export const SHORT_NAME_LENGTH = 2;

/**
 * Names skipped whatever they declare: matched by name, they are called on
 * unrelated objects all over a code base (promise protocol, entry points,
 * lifecycle hooks, test hooks and the commonest method names). The README
 * lists them; a target for one of them can still be given with --target.
 */
export const WELL_KNOWN_NAMES: readonly string[] = [
  // Promise protocol and language hooks.
  "then", "catch", "finally", "constructor", "default",
  // Entry points and lifecycles.
  "main", "run", "start", "stop", "init", "setup", "teardown", "close", "open", "dispose", "destroy",
  // Test hooks.
  "setUp", "tearDown", "asyncSetUp", "asyncTearDown", "beforeEach", "afterEach", "beforeAll", "afterAll",
  // The commonest method names.
  "get", "set", "has", "delete", "call", "apply", "bind", "next", "send", "fetch", "load", "save",
  "read", "write", "connect", "disconnect", "execute", "exec", "handle", "handler", "process", "request", "update",
];

