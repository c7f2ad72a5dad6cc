#!/usr/bin/env node
/**
 * `dockerfile-studio`: the command-line face of the language service.
 */
const USAGE = `usage: dockerfile-studio <command>

commands:
  lint [files or folders...]   report problems (coming with the diagnostics engine)
  explain <rule>               print a rule's documentation
`;

function main(argv: string[]): number {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  process.stderr.write(`dockerfile-studio: unknown command '${command}'\n${USAGE}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
