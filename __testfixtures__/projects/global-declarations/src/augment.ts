// A module that adds a global with `declare global`.
export {};

declare global {
  var backup: Registry;
}
