import { InterleafError } from "../errors/index.js";
import { EXIT } from "./cli-error.js";
import type { CliEnvironment } from "./cli-environment.js";
import { processIo, type CliIo } from "./cli-io.js";
import { historyCommand } from "./commands/history-command.js";
import { indexCommand } from "./commands/index-command.js";
import { resumeCommand } from "./commands/resume-command.js";
import { runCommand } from "./commands/run-command.js";
import { trajectoryCommand } from "./commands/trajectory-command.js";

const USAGE = `interleaf: multimodal agents that think with images and search

Usage:
  interleaf run <image> "<question>" [--model <provider:model> --base-url <url> | --script <turns.json>]
                [--dialect r1v4|native|deepeyes|...] [--mode general|deepresearch] [--search <backend>]
                [--db <path or postgres url>] [--thread <id>] [--max-tool-calls N] [--max-turns N]
                [--time-limit <seconds>] [--plan] [--json]
  interleaf resume <thread> [--db ...] [--script <turns.json>] [--json]
  interleaf history <thread> [--db ...] [--json]
  interleaf trajectory <thread> [--db ...] [--images <dir>] [--json]
  interleaf index <folder> [--images <dir>] [--captions <file>] [--out <dir>] [--db ...]
{extra}
Exit codes: 0 answered, 1 ended without an answer, 2 bad usage, 3 other errors.
`;

/**
 * Runs the \`interleaf\` command line with the given arguments (without \`node\` and the script).
 * Returns the exit code; never calls \`process.exit\`.
 */
export async function runCli(argv: string[], env: CliEnvironment, io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  const extra = Object.entries(env.commands ?? {})
    .map(([name, c]) => `  interleaf ${name.padEnd(10)} ${c.describe}`)
    .join("\n");
  const usage = USAGE.replace("{extra}", extra ? `${extra}\n` : "");
  const builtIn: Record<string, (argv: string[], io: CliIo, env: CliEnvironment) => Promise<number>> = {
    run: runCommand,
    resume: resumeCommand,
    history: historyCommand,
    trajectory: trajectoryCommand,
    index: (argv, io) => indexCommand(argv, io),
  };
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(usage);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(usage);
    return EXIT.ok;
  }
  const handler = builtIn[command] ?? (env.commands?.[command] ? (a: string[], i: CliIo) => env.commands![command]!.run(a, i) : undefined);
  if (!handler) {
    io.err(`interleaf: unknown command "${command}"\n\n${usage}`);
    return EXIT.usage;
  }
  try {
    return await handler(rest, io, env);
  } catch (error) {
    if (InterleafError.isInstance(error) && error.code === "invalid_argument") {
      io.err(`interleaf ${command}: ${error.message}\n(see interleaf --help)\n`);
      return EXIT.usage;
    }
    const wrapped = InterleafError.from(error, "storage_failed");
    io.err(`interleaf ${command}: ${wrapped.message}${wrapped.code ? ` [${wrapped.code}]` : ""}\n`);
    return EXIT.error;
  }
}
