import type { Command } from 'commander';
import { knownIssues } from '../eval/suites/bigcodebench';

export interface BigCodeBenchFlags {
  split?: string;
  calibrated?: boolean;
  env?: string;
  excludeKnownIssues?: boolean;
}

/** BigCodeBench's `gauntlet run` flags (suite options); --env applies to any suite with an environment. */
export function addBigCodeBenchFlags(cmd: Command): Command {
  return cmd
    .option('--split <split>', 'bigcodebench: complete (docstring continuation, default) or instruct (natural-language instruction)')
    .option('--no-calibrated', "bigcodebench: score answers as they are, without prepending the task's imports and signature (the official calibration, on by default)")
    .option('--env <name>', "the environment the suite's code runs in (default the suite's; e.g. bigcodebench-ci, the part CI installs)")
    .option('--exclude-known-issues', 'bigcodebench: leave out the tasks of suites/bigcodebench/known-issues.json (listed in the report)');
}

/** The suite options these flags set; --exclude-known-issues writes the tasks and reasons into the config so the report can name them. */
export function bigcodebenchOptions(f: BigCodeBenchFlags): Record<string, unknown> {
  return {
    ...(f.split !== undefined ? { split: f.split } : {}),
    ...(f.calibrated === false ? { calibrated: false } : {}),
    ...(f.env !== undefined ? { environment: f.env } : {}),
    ...(f.excludeKnownIssues ? { exclude: knownIssues().map((k) => ({ task_id: k.task_id, why: `${k.why} (${k.what})` })) } : {}),
  };
}
