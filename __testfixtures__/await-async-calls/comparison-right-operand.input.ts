// The right operand of `>` gets no parentheses: `a < b > (await f())` would
// read as the generic call `a<b>(…)` in TypeScript. Other operands keep them.
export async function compare(a: number, b: number) {
  return [a > fetchUser(1), a < b > fetchUser(2), fetchUser(3) > a];
}
