/**
 * A small scanner that reads just enough of a Dockerfile to put build steps back on their lines:
 * instructions with their line span, stages, ARGs, EXPOSEd ports and ONBUILD triggers. It
 * understands the escape directive, line continuations, comments inside continuations and heredocs.
 * Kept in the client (not the language server's model) so build code has no server dependency.
 */

/** One instruction and where it sits (0-based lines). */
export interface ScannedInstruction {
  keyword: string;
  /** Arguments after the keyword, continuations joined the way BuildKit prints them. */
  args: string;
  startLine: number;
  endLine: number;
  /** -1 before the first FROM. */
  stageIndex: number;
  /** For ONBUILD: the trigger's keyword and arguments. */
  trigger: { keyword: string; args: string } | null;
}

/** A stage: its FROM and what it builds on. */
export interface ScannedStage {
  index: number;
  name: string | null;
  /** The base as written after FROM (flags removed). */
  base: string;
  /** Index of an earlier stage the base names, or null for an image or scratch. */
  parentStage: number | null;
  instructions: ScannedInstruction[];
}

/** The scanned file. */
export interface ScannedDockerfile {
  escape: string;
  instructions: ScannedInstruction[];
  stages: ScannedStage[];
}

const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

/** Scans Dockerfile text into instructions and stages. */
export function scanDockerfile(text: string): ScannedDockerfile {
  const lines = text.split(/\r\n|\r|\n/);
  let escape = '\\';
  let line = 0;
  // Parser directives: only `# key=value` lines at the very top.
  for (; line < lines.length; line++) {
    const directive = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(lines[line]);
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
  }
  const instructions: ScannedInstruction[] = [];
  const stages: ScannedStage[] = [];
  while (line < lines.length) {
    const first = lines[line];
    if (/^\s*(#.*)?$/.test(first)) {
      line++;
      continue;
    }
    const start = line;
    let joined = '';
    let current = first;
    for (;;) {
      // trimEnd, not /\s+$/: the regex retries at every space and is quadratic on a long run of them.
      const trimmed = current.trimEnd();
      if (trimmed.endsWith(escape) && line + 1 < lines.length) {
        joined += trimmed.slice(0, -1);
        line++;
        // Comment and empty lines inside a continuation are dropped by the parser.
        while (line + 1 < lines.length && /^\s*(#.*)?$/.test(lines[line])) line++;
        current = lines[line];
        continue;
      }
      joined += current;
      break;
    }
    const match = /^\s*(\S+)\s*(.*)$/s.exec(joined);
    const keyword = (match?.[1] ?? '').toUpperCase();
    const args = (match?.[2] ?? '').trim();
    const effective = keyword === 'ONBUILD' ? (/^(\S+)/.exec(args)?.[1] ?? '').toUpperCase() : keyword;
    // Heredoc bodies follow the instruction's last line, one body per marker, in order.
    if (effective === 'RUN' || effective === 'COPY' || effective === 'ADD') {
      for (const heredoc of joined.matchAll(HEREDOC)) {
        const stripTabs = heredoc[1] === '-';
        for (line++; line < lines.length; line++) {
          const body = stripTabs ? lines[line].replace(/^\t+/, '') : lines[line];
          if (body === heredoc[3]) break;
        }
      }
    }
    const instruction: ScannedInstruction = {
      keyword,
      args,
      startLine: start,
      endLine: Math.min(line, lines.length - 1),
      stageIndex: stages.length - 1,
      trigger: null,
    };
    if (keyword === 'ONBUILD') {
      const trigger = /^(\S+)\s*(.*)$/s.exec(args);
      instruction.trigger = trigger ? { keyword: trigger[1].toUpperCase(), args: trigger[2] } : null;
    }
    if (keyword === 'FROM') {
      const words = args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const base = words[0] ?? '';
      const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2] : null;
      const parent = stages.find((stage) => stage.name !== null && stage.name.toLowerCase() === base.toLowerCase())
        ?? (/^\d+$/.test(base) && Number(base) < stages.length ? stages[Number(base)] : undefined);
      instruction.stageIndex = stages.length;
      stages.push({ index: stages.length, name, base, parentStage: parent?.index ?? null, instructions: [] });
    }
    instructions.push(instruction);
    if (instruction.stageIndex >= 0) stages[instruction.stageIndex].instructions.push(instruction);
    line++;
  }
  return { escape, instructions, stages };
}

/** The instructions that BuildKit numbers as steps: RUN, COPY, ADD and WORKDIR (plus the FROM of an image). */
export function isBuildkitStep(keyword: string): boolean {
  return keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD' || keyword === 'WORKDIR';
}

/** Names the last stage, the default target. */
export function defaultTarget(file: ScannedDockerfile): string | null {
  const last = file.stages[file.stages.length - 1];
  return last ? (last.name ?? String(last.index)) : null;
}

/** EXPOSEd container ports (`8080`, `53/udp`) of the stage a build ends at, with variables left unexpanded. */
export function exposedPorts(file: ScannedDockerfile, target: string | null): string[] {
  const ports: string[] = [];
  for (const stage of stageChain(file, target)) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const word of instruction.args.split(/\s+/)) if (/^\d+(\/(tcp|udp|sctp))?$/i.test(word)) ports.push(word.toLowerCase());
    }
  }
  return [...new Set(ports)];
}

/** The stage a target names (by name or index) and its chain of stage parents, base first. */
export function stageChain(file: ScannedDockerfile, target: string | null): ScannedStage[] {
  let stage: ScannedStage | undefined = findStage(file, target) ?? file.stages[file.stages.length - 1];
  const chain: ScannedStage[] = [];
  while (stage && !chain.includes(stage)) {
    chain.unshift(stage);
    stage = stage.parentStage === null ? undefined : file.stages[stage.parentStage];
  }
  return chain;
}

/** Finds a stage by name (case-insensitive, as BuildKit compares), `stage-N` or an index. */
export function findStage(file: ScannedDockerfile, ref: string | null): ScannedStage | undefined {
  if (ref === null) return undefined;
  const byName = file.stages.find((stage) => stage.name !== null && stage.name.toLowerCase() === ref.toLowerCase());
  if (byName) return byName;
  const index = /^(?:stage-)?(\d+)$/.exec(ref);
  return index ? file.stages[Number(index[1])] : undefined;
}

/** ARGs a build can be given: global ones and those in the stages the target builds, in order, without duplicates. */
export function buildArgs(file: ScannedDockerfile): { name: string; defaultValue: string | null }[] {
  const found = new Map<string, string | null>();
  for (const instruction of file.instructions) {
    if (instruction.keyword !== 'ARG') continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(instruction.args);
    if (!match) continue;
    const value = match[2] === undefined ? null : match[2].replace(/^(["'])(.*)\1$/s, '$2');
    if (!found.has(match[1]) || (found.get(match[1]) === null && value !== null)) found.set(match[1], value);
  }
  return [...found].map(([name, defaultValue]) => ({ name, defaultValue }));
}
