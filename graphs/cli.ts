#!/usr/bin/env node
import { runCli } from "../src/index.js";
import { cliEnvironment } from "./cli-environment.js";

process.exitCode = await runCli(process.argv.slice(2), cliEnvironment);
