/** Colours for one output stream: on for a TTY, off otherwise, unless the user says. */
import { createColors } from "picocolors";

export type Palette = ReturnType<typeof createColors>;

export interface ColorChoice {
  /** --color / --no-color, when given. */
  readonly flag: boolean | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY: boolean;
}

export function useColor(choice: ColorChoice): boolean {
  if (choice.flag !== undefined) return choice.flag;
  if (choice.env["NO_COLOR"] !== undefined && choice.env["NO_COLOR"] !== "") return false;
  const force = choice.env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return choice.isTTY;
}

export function palette(enabled: boolean): Palette {
  return createColors(enabled);
}
