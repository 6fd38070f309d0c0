#!/usr/bin/env node
import { runCli } from "../src/cli/run-cli.js";
import { cliEnvironment } from "./cli-environment.js";

process.exitCode = await runCli(process.argv.slice(2), cliEnvironment);
