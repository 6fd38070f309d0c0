import { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../../command-context.js";
import { dataExportCommand } from "./export.js";
import { dataFilterCommand } from "./filter.js";

/** `interleaf data`: the data engine (filters and training-data exports). */
export function dataCommand(context: CommandContext) {
  const data = new Command("data").description("turn finished runs into training data: filter, then export");
  for (const make of [dataFilterCommand, dataExportCommand]) {
    const sub = make(context);
    data.addCommand(sub as unknown as Command);
  }
  return data;
}
