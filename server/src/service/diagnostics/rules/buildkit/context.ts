/** BuildKit's checks that need more than the instructions: .dockerignore and comments. */
import type { DockerfileModel, InstructionModel } from '../../../model';
import type { Rule } from '../../types';
import { parseDockerignore } from './dockerignore';
import { defineRule } from '../../defineRule';
import { quoted } from '../../ruleKit';

/** The source arguments of a COPY or ADD that read from the build context. */
function contextSources(model: DockerfileModel, instruction: InstructionModel): { path: string; range: InstructionModel['range'] }[] {
  if (instruction.flags.some((f) => f.name === 'from')) return [];
  const args = instruction.args;
  if (instruction.form === 'exec' && instruction.execArgs) {
    const range = { start: args[0].range.start, end: args[args.length - 1].range.end };
    return instruction.execArgs.slice(0, -1).map((path) => ({ path, range }));
  }
  return args.slice(0, -1).flatMap((arg) => {
    const value = arg.value;
    if (value.startsWith('<<') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git@')) return [];
    return [{ path: value.includes('$') ? model.expand(value, instruction) : value, range: arg.range }];
  });
}

export const copyIgnoredFile: Rule = defineRule({
  id: 'CopyIgnoredFile',
  title: 'Copying a file that .dockerignore excludes',
  severity: 'warning',
  buildkit: { slug: 'copy-ignored-file' },
  docs: {
    catches: '`COPY` or `ADD` of a path from the build context that `.dockerignore` (or `<Dockerfile>.dockerignore`) excludes.',
    why: 'Excluded files never reach the builder, so the step fails or silently copies less than it says.',
    bad: 'FROM alpine\nCOPY README.md /docs/',
    good: 'FROM alpine\nCOPY README.md /docs/',
    dockerignore: { bad: '*.md', good: '*.md\n!README.md' },
    notes: 'Only runs when the editor or the CLI found a .dockerignore next to the Dockerfile. Copying the whole context (`COPY . .`) is reported only when a pattern such as `*` or `**` excludes every entry. As in BuildKit, a source is not reported when a `!` pattern could bring back something at or below it (`sub` then `!sub/a.txt` leaves `COPY sub /sub` alone), since which files exist is not known.',
  },
  check({ model, dockerignore, report }) {
    if (!dockerignore) return;
    const matcher = parseDockerignore(dockerignore);
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.stageIndex < 0) continue;
      const verb = instruction.keyword === 'COPY' ? 'COPY' : 'ADD';
      for (const source of contextSources(model, instruction)) {
        if (matcher.ignoresSource(source.path)) report(source.range, `${quoted(source.path)} is excluded by .dockerignore, so ${verb} cannot use it`);
      }
    }
  },
});

/** The text of the comment block directly above a line (blank lines and `#` alone end it). */
function commentAbove(model: DockerfileModel, line: number): string | null {
  if (line === 0) return null;
  const text = model.textAt({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).trim();
  if (!text.startsWith('#')) return null;
  const comment = text.slice(1).trim();
  return comment === '' ? null : comment;
}

export const invalidDefinitionDescription: Rule = defineRule({
  id: 'InvalidDefinitionDescription',
  title: 'Description comments should start with the name they describe',
  severity: 'warning',
  buildkit: { slug: 'invalid-definition-description' },
  docs: {
    catches: 'A comment directly above an `ARG` or a named `FROM` that does not start with the argument or stage name (`# version the release to build` above `ARG version`).',
    why: 'Build tools show such a comment as the description of the argument or stage. A comment that is not meant as one should be separated by a blank line.',
    bad: '# check=experimental=InvalidDefinitionDescription\n# the Go version\nARG GO_VERSION=1.22',
    good: '# check=experimental=InvalidDefinitionDescription\n# GO_VERSION is the Go release to build with\nARG GO_VERSION=1.22',
    notes: 'Experimental in BuildKit: off unless `# check=experimental=InvalidDefinitionDescription` (or `all`), or a severity is set for it.',
  },
  experimental: true,
  check({ model, report }) {
    for (const instruction of model.instructions) {
      let keys: string[];
      if (instruction.keyword === 'ARG') keys = instruction.properties.map((p) => p.name);
      else if (instruction.keyword === 'FROM') {
        const stage = model.stages.find((s) => s.from === instruction);
        keys = stage?.name ? [stage.name.toLowerCase()] : [];
      } else continue;
      if (keys.length === 0) continue;
      const comment = commentAbove(model, instruction.range.start.line);
      if (comment === null || keys.includes(comment.split(' ')[0])) continue;
      const example = keys.length > 1 ? '<arg_key>' : keys[0];
      report(instruction.keywordRange, `A comment right above ${instruction.keyword} is read as its description and should start with the name: "# ${example} <description>"`);
    }
  },
});

/** The rules of this file, in run order. */
export const CONTEXT_CHECKS: Rule[] = [copyIgnoredFile, invalidDefinitionDescription];
