// `import x = require()` is not followed: the callee is reported, not renamed.
import readFileAsync = require("./fs-compat");

export function read(path: string) {
  readFileAsync(path);
}
