/** Practices about the commands a RUN runs: sudo, cd, wget and curl, /bin/sh, useradd, pointless commands. */
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { quoted } from '../../ruleKit';
import { insertAt, withFix } from './define';
import { allCommands, runCommands, runInstructions, type RunCommand } from './scripts';
import { trimTrailingSlashes } from '../../../text';

export const noSudo: Rule = defineRule({
  id: 'no-sudo',
  title: 'sudo in RUN',
  severity: 'warning',
  hadolint: ['DL3004'],
  docs: {
    catches: '`sudo` in a RUN.',
    why: 'RUN already runs as the current USER; `sudo` adds a TTY- and PAM-dependent layer that behaves differently across images, may prompt for a password, and keeps a setuid binary in the image. Switch with `USER root` for the steps that need it (or use `gosu`/`su-exec` in an entrypoint).',
    bad: 'USER app\nRUN sudo apt-get update',
    good: 'USER root\nRUN apt-get update\nUSER app',
    notes: 'Deliberate differences from hadolint: `sudo -u <user> ...` (or `-g`), which a root RUN uses to run one command as a less privileged user, is not reported.',
  },
  checkInstruction(instruction, { model, report }) {
    const run = instruction.trigger ?? instruction;
    if (run.keyword !== 'RUN') return;
    for (const { command, range } of runCommands(model, run)) {
      const sudo = command.words.find((w) => w.value === 'sudo' || w.value.endsWith('/sudo'));
      if (!sudo || !(command.name === 'sudo' || command.wrappers.includes('sudo'))) continue;
      // `sudo -u app cmd` run as root drops privileges for one command: a sound idiom.
      const after = command.words.slice(command.words.indexOf(sudo) + 1);
      const options = after.slice(0, Math.max(0, after.findIndex((w) => !w.value.startsWith('-')) + 1));
      if (options.some((w) => /^(-[A-Za-z]*[ug]|--user|--group)(=|$)/.test(w.value))) continue;
      report(range, 'Avoid `sudo` in RUN: switch with USER for the steps that need root.');
    }
  },
});

function leadingCd(commands: RunCommand[]): string | null {
  const first = commands[0]?.command;
  return first?.name === 'cd' && first.args.length === 1 && first.args[0].value.startsWith('/') ? trimTrailingSlashes(first.args[0].value) : null;
}

export const cdInsteadOfWorkdir: Rule = defineRule({
  id: 'cd-instead-of-workdir',
  title: 'cd where WORKDIR serves',
  severity: 'info',
  hadolint: ['DL3003'],
  docs: {
    catches: 'A RUN that only changes directory, and RUNs of a stage that each start with the same `cd`.',
    why: 'A `cd` lasts only until the end of its RUN. A RUN that is nothing but `cd` does nothing, and RUNs that each start with the same `cd` are asking for a WORKDIR, which also applies to COPY, CMD and the running container.',
    bad: 'RUN cd /app && npm ci\nRUN cd /app && npm run build',
    good: 'WORKDIR /app\nRUN npm ci\nRUN npm run build',
    notes: 'Deliberate differences from hadolint: hadolint reports every `cd`; a `cd` into a directory for a few commands of one RUN (`cd /tmp/src && make && cd / && rm -rf /tmp/src`) is a sound idiom, so only a RUN that is just a `cd`, or a second RUN of a stage that starts with the same `cd`, is reported.',
  },
  check({ model, report }) {
    const seen = new Map<string, number>();
    for (const run of runInstructions(model)) {
      const commands = runCommands(model, run);
      const dir = leadingCd(commands);
      if (dir === null) continue;
      if (commands.length === 1) {
        report(commands[0].range, 'A `cd` alone does nothing: it ends with the RUN. Use WORKDIR.');
        continue;
      }
      const key = `${run.stageIndex}:${dir}`;
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count >= 2) report(commands[0].range, `Several RUNs start with ${quoted(`cd ${dir}`, '`')}: set ${quoted(`WORKDIR ${dir}`, '`')} once instead.`);
    }
  },
});

export const wgetAndCurl: Rule = defineRule({
  id: 'wget-and-curl',
  title: 'Both wget and curl',
  severity: 'info',
  hadolint: ['DL4001'],
  docs: {
    catches: 'An image that uses both `wget` and `curl`.',
    why: 'wget and curl do the same job; installing and using both adds a package for nothing. Pick one for each image.',
    bad: 'FROM debian:12\nRUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz',
    good: 'FROM debian:12 AS fetch\nRUN wget -q https://example.com/a.tgz\nFROM debian:12\nRUN curl -fsSLO https://example.com/b.tgz',
    notes: 'Deliberate differences from hadolint: counted per image, as hadolint counts per stage: a builder stage may use one and the final stage the other. Unlike hadolint, a stage built on an earlier stage (`FROM builder`) counts the tools of that stage too, since both end up in its image.',
  },
  check({ model, report }) {
    // The tools each stage's image has used so far, its base stages included.
    const used = new Map<number, Set<string>>();
    const toolsOf = (stageIndex: number): Set<string> => {
      let tools = used.get(stageIndex);
      if (!tools) {
        const parent = model.stages[stageIndex]?.parentStage;
        tools = new Set(parent === null || parent === undefined || parent >= stageIndex ? [] : toolsOf(parent));
        used.set(stageIndex, tools);
      }
      return tools;
    };
    for (const run of runInstructions(model)) {
      const found = runCommands(model, run).filter((c) => c.command.name === 'wget' || c.command.name === 'curl');
      if (found.length === 0) continue;
      const tools = toolsOf(run.stageIndex);
      for (const tool of found) tools.add(tool.command.name);
      if (tools.size === 2) report(found[0].range, 'This image uses both wget and curl: one of them is enough.');
    }
  },
});

export const shellViaSymlink: Rule = defineRule({
  id: 'shell-via-symlink',
  title: 'Changing /bin/sh instead of using SHELL',
  severity: 'warning',
  hadolint: ['DL4005'],
  docs: {
    catches: 'A RUN that replaces /bin/sh with a link to another shell (`ln -sf /bin/bash /bin/sh`).',
    why: 'Replacing /bin/sh with a link to bash changes the shell for every program in the image, not just for the build. The SHELL instruction changes the shell RUN uses, and nothing else.',
    bad: 'RUN ln -sf /bin/bash /bin/sh',
    good: 'SHELL ["/bin/bash", "-c"]',
  },
  check({ model, report }) {
    for (const { command, range } of allCommands(model)) {
      const last = command.args[command.args.length - 1]?.value;
      if (command.name === 'ln' && (last === '/bin/sh' || last === '/usr/bin/sh')) report(range, 'Use the SHELL instruction instead of replacing /bin/sh.');
    }
  },
});

const POINTLESS = new Set(['ssh', 'vim', 'vi', 'nano', 'shutdown', 'reboot', 'top', 'htop', 'free', 'ifconfig']);

export const pointlessCommand: Rule = defineRule({
  id: 'pointless-command',
  title: 'An interactive or system command in RUN',
  severity: 'info',
  hadolint: ['DL3001'],
  docs: {
    catches: 'Interactive or system commands in RUN: editors, `top`, `free`, `ifconfig`, `shutdown`, interactive `ssh`.',
    why: 'A build step has no terminal and no running system: editors, `top`, `free`, `ifconfig`, `shutdown` and interactive `ssh` either hang, fail or print something nobody reads.',
    bad: 'RUN top -b -n 1',
    good: '# inspect the running container instead: docker exec -it <container> top',
    notes: 'Deliberate differences from hadolint: hadolint also lists `service`, `ps`, `kill` and `mount`; those have sound uses in a build (starting a database to load a schema, for one), so they are not reported.',
  },
  check({ model, report }) {
    for (const { command, range } of allCommands(model)) {
      if (POINTLESS.has(command.name)) report(range, `${quoted(command.name, '`')} makes no sense in a build step: there is no terminal or running system.`);
    }
  },
});

export const useraddNoLogInit: Rule = defineRule({
  id: 'useradd-high-uid',
  title: 'useradd with a high UID and no -l',
  severity: 'warning',
  hadolint: ['DL3046'],
  docs: {
    catches: '`useradd` with a UID above 65535 and without `-l` (`--no-log-init`).',
    why: 'useradd records every user in /var/log/lastlog, a sparse file indexed by UID. Image layers do not keep files sparse, so a large UID can add hundreds of megabytes. `-l` (`--no-log-init`) skips the record.',
    bad: 'RUN useradd -u 123456 app',
    good: 'RUN useradd -l -u 123456 app',
    notes: 'Deliberate differences from hadolint: a UID counts as high above 65535; UIDs from an unresolved variable are not judged.',
  },
  check({ model, report }) {
    for (const { command, range, script } of allCommands(model)) {
      if (command.name !== 'useradd' || command.args.some((a) => a.value === '-l' || a.value === '--no-log-init' || (/^-[a-z]+$/i.test(a.value) && /l/i.test(a.value)))) continue;
      const at = command.args.findIndex((a) => a.value === '-u' || a.value === '--uid' || a.value.startsWith('--uid='));
      const value = at < 0 ? null : command.args[at].value.startsWith('--uid=') ? command.args[at].value.slice(6) : command.args[at + 1]?.value;
      if (!value || !/^\d+$/.test(value) || Number(value) <= 65535) continue;
      const name = command.nameWord!;
      const fix = script.source === 'exec' ? undefined : withFix('Add -l', [insertAt(script.rangeOf(name.end, name.end).end, ' -l')]);
      report(range, 'useradd with a high UID fills /var/log/lastlog: add `-l` (`--no-log-init`).', fix);
    }
  },
});

export const COMMAND_RULES: Rule[] = [noSudo, cdInsteadOfWorkdir, wgetAndCurl, shellViaSymlink, pointlessCommand, useraddNoLogInit];
