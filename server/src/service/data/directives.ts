/** Parser directives: `# name=value` comments at the very top of a Dockerfile. */
import type { DirectiveData } from './types';
import { ref } from './instructions/shared';

export const DIRECTIVES: DirectiveData[] = [
  {
    name: 'syntax',
    summary:
      'Chooses the Dockerfile frontend (syntax version) BuildKit uses for this file, pulled as an image before the build.',
    syntax: ['# syntax=<image reference>'],
    exampleValue: 'docker/dockerfile:1',
    buildVsRun: 'Read before anything else in the build; it does not create a layer or a build step.',
    example: '# syntax=docker/dockerfile:1\nFROM alpine',
    pitfalls: [
      '`docker/dockerfile:1` follows the latest 1.x; pin `1.10` or an exact version for repeatable results.',
      'The builder must be able to pull the frontend image; when it cannot (offline, no registry), the build fails.',
      'Like all directives it only counts before the first instruction, comment or blank line.',
    ],
    link: ref('syntax'),
  },
  {
    name: 'escape',
    summary:
      'Sets the escape and line-continuation character of the file: `\\` (default) or a backtick, which suits Windows paths.',
    syntax: ['# escape=\\', '# escape=`'],
    values: ['\\', '`'],
    defaultValue: '\\',
    example: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app C:\\app\\',
    pitfalls: [
      'Inside a `RUN` command it only affects line endings; other escapes are left for the shell.',
      'With `\\`, a Windows path ending in `\\` continues the line and swallows the next instruction.',
    ],
    link: ref('escape'),
  },
  {
    name: 'check',
    summary:
      'Configures BuildKit build checks for this file: skip some (`skip=Name,...` or `skip=all`), fail the build on warnings (`error=true`), or turn on experimental ones.',
    syntax: ['# check=skip=<Check>[,<Check>...]', '# check=skip=all', '# check=error=true', '# check=experimental=<Check>[,<Check>...]', '# check=skip=<Check>;error=true'],
    example: '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended;error=true\nFROM alpine',
    pitfalls: [
      'Check names are case-sensitive and in PascalCase: `skip=jsonargsrecommended` does nothing.',
      'Combine options with `;`, not a second `# check=` line (a directive may appear only once).',
      'With `error=true`, pin the syntax version, or new checks in later versions can start failing the build.',
    ],
    keys: [
      { name: 'skip', summary: 'Check names to leave out, separated by commas, or `all`.' },
      { name: 'error', summary: 'With `true`, a build with check warnings fails.', values: ['true', 'false'] },
      { name: 'experimental', summary: 'Experimental check names to turn on, separated by commas, or `all`.' },
    ],
    minSyntax: '1.8',
    link: ref('check'),
  },
];
