/**
 * A bench baseline for the typed engine: load ts-morph, build the program
 * from a tsconfig and create its type checker. What the typed engine cannot
 * avoid.
 *
 *   node dist/bench/program-build.js path/to/tsconfig.json
 */
import { Project } from "ts-morph";

const project = new Project({ tsConfigFilePath: process.argv[2]! });
const program = project.getProgram().compilerObject;
program.getTypeChecker();
process.stdout.write(`${program.getSourceFiles().length} source files\n`);
