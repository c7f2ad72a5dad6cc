#!/usr/bin/env node
/**
 * `dockerfile-studio`: the command-line face of the language service (`lint`, `explain`,
 * `rules`, and the layer report of `build` and `layers`). Wiring only: arguments in cli/args.ts, the lint run in cli/run.ts, texts in cli/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, closest, getRule } from './service';
import { parseArgs, USAGE } from './cli/args';
import { explainRule, listRules } from './cli/explain';
import { EXIT_ERROR, EXIT_OK, escapedStderr, runLint, type Output } from './cli/run';
import { runBuild, runLayers } from './cli/build';

/** The package version (dist/cli.js sits one folder below package.json, installed or not). */
function version(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function main(argv: string[], out: Output): Promise<number> {
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      out.stdout(USAGE);
      return EXIT_OK;
    case 'version':
      out.stdout(`${version()}\n`);
      return EXIT_OK;
    case 'rules':
      out.stdout(listRules(ALL_RULES));
      return EXIT_OK;
    case 'explain': {
      const rule = getRule(command.rule);
      if (rule) {
        out.stdout(explainRule(rule));
        return EXIT_OK;
      }
      const hint = closest(command.rule, ALL_RULES.map((r) => r.id));
      out.stderr(`dockerfile-studio: unknown rule '${command.rule}'${hint ? `; did you mean '${hint}'?` : ''} (dockerfile-studio rules lists them)\n`);
      return EXIT_ERROR;
    }
    case 'lint':
      return runLint({ ...command, version: version() }, out);
    case 'build':
      return runBuild(command, out);
    case 'layers':
      return runLayers(command, out);
    case 'usage-error':
      out.stderr(`dockerfile-studio: ${command.message} (dockerfile-studio --help shows the usage)\n`);
      return EXIT_ERROR;
  }
}

// `dockerfile-studio lint | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Error lines quote arguments, which a CI job may take from file names in a pull request.
const output: Output = escapedStderr({ stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
void main(process.argv.slice(2), output).then((status) => {
  process.exitCode = status;
});
