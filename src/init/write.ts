/**
 * Writes the config file whole or not at all: the text goes to a temporary
 * file beside it, which then takes the config's name. Without `replace`,
 * taking the name is a hard link, which fails when the name exists: a config
 * created between the check and the write (another `init`, an editor) is
 * never overwritten. Where hard links are not supported, an exclusive create
 * ("wx") keeps that promise, without the all-or-nothing.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { UnawaitedError } from "../errors";

export interface WriteConfigOptions {
  /** Replace an existing file (--force). */
  readonly replace: boolean;
  /** How the file is named in errors. */
  readonly shown: string;
}

export function writeConfigFile(file: string, text: string, options: WriteConfigOptions): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
  try {
    writeDurably(temp, text);
    if (options.replace) fs.renameSync(temp, file);
    else linkOrCreate(temp, file, text);
  } catch (error) {
    if (error instanceof UnawaitedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw exists(options.shown);
    throw new UnawaitedError("USAGE", `cannot write ${options.shown}: ${code ?? (error as Error).message}`, { hint: "check that the directory is writable" });
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

export function exists(shown: string): UnawaitedError {
  return new UnawaitedError("USAGE", `${shown} already exists: refusing to overwrite it`, { hint: "pass --force to replace it, or edit it by hand" });
}

function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, "wx");
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function linkOrCreate(temp: string, file: string, text: string): void {
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No hard links on this file system (some network and FAT mounts): create exclusively instead.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    writeDurably(file, text);
  }
}
