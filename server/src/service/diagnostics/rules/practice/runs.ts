/** Practices about RUN as a whole: pipes without pipefail, and consecutive RUNs that could be one. */
import type { DockerfileModel, InstructionModel } from '../../../model';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { basename, setsPipefail, type ShellCommand } from '../../../shell';
import { insertAt, withFix } from './define';
import { runInstructions, runScripts, stageChain } from './scripts';
import { isLoneAptUpdate } from './cache';

const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ksh', 'mksh', 'ash']);
const NOT_POSIX = /^(pwsh|powershell|cmd)(\.exe)?$/i;
// The classic hazard: a download that fails while the consumer (`sh`, `tar`, `gpg`) succeeds on
// what little arrived. Pipes fed by local tools (`find | xargs`, `grep | sed`) are left alone.
const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c']);

/** The SHELL in effect for a RUN: the last SHELL before it in its stage or the stages it builds on. */
export function shellFor(model: DockerfileModel, run: InstructionModel): string[] {
  const own = run.parent ?? run;
  const at = model.offsetAt(own.range.start);
  const stage = run.stageIndex >= 0 ? model.stages[run.stageIndex] : undefined;
  for (const s of stage ? stageChain(model, stage) : []) {
    const shells = s.instructions.filter((i) => i.keyword === 'SHELL' && i.execArgs && (s !== stage || model.offsetAt(i.range.start) < at));
    if (shells.length > 0) return shells[shells.length - 1].execArgs!;
  }
  return ['/bin/sh', '-c'];
}

/** The pipelines of a command list: runs of commands joined by `|`. */
function pipelines(commands: ShellCommand[]): ShellCommand[][] {
  const found: ShellCommand[][] = [];
  let current: ShellCommand[] = [];
  for (const command of commands) {
    current.push(command);
    if (!command.pipesOut) {
      if (current.length > 1) found.push(current);
      current = [];
    }
  }
  return found;
}

export const pipefail: Rule = defineRule({
  id: 'pipe-without-pipefail',
  title: 'A pipe in RUN without pipefail',
  severity: 'warning',
  hadolint: ['DL4006'],
  docs: {
    catches: 'A pipeline in RUN fed by a download (`curl ... | sh`) in a shell without `pipefail`.',
    why: 'A pipeline\'s exit status is that of its last command, so in `curl -fsSL $URL | tar -xz` a failed download can go unnoticed and the build carries on. Run RUN through a shell with `-o pipefail` (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`), or start the script with `set -o pipefail`.',
    bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | bash',
    good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | bash',
    notes: 'Deliberate differences from hadolint: pipefail is a bash/zsh/ksh/ash option: for PowerShell or cmd shells the rule does not apply and stays silent, and a plain `/bin/sh -o pipefail` is still reported because dash (Debian\'s /bin/sh) has no such option. `set -o pipefail` earlier in the same script satisfies the rule, heredoc scripts follow their shebang. Only pipelines fed by a download (`curl`, `wget`) are reported: that is where a failure is both likely and silent, while pipes between local tools (`find | xargs`, `grep | sed`) are deliberate in many maintained images and rarely hide a failure.',
  },
  check({ model, report }) {
    for (const run of runInstructions(model)) {
      const shell = shellFor(model, run);
      const name = basename(shell[0] ?? '');
      if (NOT_POSIX.test(name)) continue;
      const shellHasIt = PIPEFAIL_SHELLS.has(name) && shell.includes('pipefail');
      for (const script of runScripts(model, run)) {
        if (!script.script.hasPipe || script.source === 'exec') continue;
        let hasIt = shellHasIt;
        if (script.source === 'heredoc') {
          const heredoc = run.heredocs.find((h) => h.contentRange && model.offsetAt(h.contentRange.start) === model.offsetAt(script.rangeOf(0, 0).start));
          const shebang = heredoc ? /^#!\s*(\S+)(?:\s+(\S+))?/.exec(heredoc.content) : null;
          if (shebang) hasIt = false;
        }
        const risky = pipelines(script.script.commands).find((p) => p.slice(0, -1).some((c) => DOWNLOADERS.has(c.name)) && !setsPipefail(script.script, p[0].start));
        if (hasIt || !risky) continue;
        const anchor = run.parent ?? run;
        const fix = script.source === 'shell' && shell.length <= 2
          ? withFix('Run RUN with bash -o pipefail', [insertAt({ line: anchor.range.start.line, character: 0 }, `${' '.repeat(anchor.range.start.character)}SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n`)])
          : undefined;
        report(script.rangeOf(risky[0].start, risky[risky.length - 1].end), 'A failure on the left of this pipe goes unnoticed: set `-o pipefail` (SHELL ["/bin/bash", "-o", "pipefail", "-c"] or `set -o pipefail`).', fix);
        break;
      }
    }
  },
});

function runKey(run: InstructionModel): string {
  return run.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');
}

export const consecutiveRuns: Rule = defineRule({
  id: 'consecutive-run',
  title: 'Consecutive RUNs that could be one',
  severity: 'hint',
  hadolint: ['DL3059'],
  docs: {
    catches: 'Two RUNs in a row, each a single command with the same flags.',
    why: 'Each RUN makes a layer. Two short RUNs in a row with the same options can be one, with `&&`, which saves a layer and keeps related steps together. Splitting on purpose (to cache a slow step separately) is fine: this is only a hint.',
    bad: 'RUN mkdir -p /app/data\nRUN chown app /app/data',
    good: 'RUN mkdir -p /app/data && chown app /app/data',
    notes: 'Deliberate differences from hadolint: only two adjacent RUNs that are each a single command and have the same flags are reported, and never one that uses a heredoc or ONBUILD. A lone `apt-get update` followed by its install is left to apt-get-update-alone, which says why it matters.',
  },
  check({ model, report }) {
    let previous: InstructionModel | null = null;
    for (const instruction of model.instructions) {
      const single = instruction.keyword === 'RUN' && instruction.heredocs.length === 0 && instruction.form === 'shell' &&
        runScripts(model, instruction).reduce((n, s) => n + s.script.commands.length, 0) === 1;
      // A lone `apt-get update` before its install is apt-get-update-alone's finding, with the reason.
      if (single && previous && runKey(previous) === runKey(instruction) && !isLoneAptUpdate(model, previous)) {
        report(instruction.range, 'This RUN and the one before it could be one RUN joined with `&&`.');
        previous = null;
        continue;
      }
      previous = single ? instruction : null;
    }
  },
});

export const RUN_RULES: Rule[] = [pipefail, consecutiveRuns];
