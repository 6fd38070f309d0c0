// The tool of the worker tests: notes a text, and appends one line per execution to a log file
// shared by every worker process, so a test can count executions across processes.
import { appendFileSync } from "node:fs";
import { z } from "zod";
import { defineTool } from "interleaf";

export function noteTool(logPath: string) {
  return defineTool({
    name: "note",
    description: "Notes a text.",
    input: z.object({ text: z.string() }),
    async execute({ text }) {
      appendFileSync(logPath, `${text} ${process.pid}\n`);
      return { text: `noted ${text}` };
    },
  });
}

/** The notes logged, one entry per execution. */
export function readNotes(text: string): string[] {
  return text.split("\n").filter(Boolean).map((line) => line.split(" ")[0] as string);
}
