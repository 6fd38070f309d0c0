import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exitCodesLine } from "../../cli/exit-codes.js";
import { createProgram } from "../../cli/program.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README's command list as the real command definitions give it. */
function commandList(): string {
  const program = createProgram({ io: { out: () => {}, err: () => {}, env: {}, cwd: "/", tty: { out: false, err: false } }, exit: () => {} });
  const lines = program.commands.map((command) => `interleaf ${`${command.name()} ${command.usage()}`.padEnd(42)} ${command.description()}`);
  return ["```", ...lines, "```", "", exitCodesLine()].join("\n");
}

describe("the README's command list", () => {
  it("matches the commands, their arguments and the exit codes the CLI defines", () => {
    const block = /<!-- commands:start -->\n([\s\S]*?)\n<!-- commands:end -->/.exec(readme)?.[1];
    expect(block, "README.md needs the generated block between <!-- commands:start --> and <!-- commands:end -->").toBeDefined();
    expect(block, "README.md's command list drifted from cli/: paste the expected block").toBe(commandList());
  });
});
