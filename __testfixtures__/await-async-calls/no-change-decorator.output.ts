// Decorators are evaluated where the class is defined, but TypeScript does not
// allow await in them: reported as manual.
export async function register() {
  @fetchUser("decorator") class Handler {}
  return Handler;
}
