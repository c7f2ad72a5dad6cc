/**
 * Hostile inputs a language server meets sooner or later: huge lines, binary junk, NUL bytes,
 * unterminated constructs, deep nesting. Shared by the robustness test (no throw, bounded
 * output) and the benchmark (`npm run bench -- --metric hostile`, time against the peer).
 */

/** One named input text. */
export interface HostileInput {
  name: string;
  text: string;
  /** Files beside the Dockerfile (the bench writes them to disk; the server reads a .dockerignore there). */
  files?: Record<string, string>;
}

/** Deterministic pseudo-random bytes, so a failure can be replayed. */
function junk(length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(state >> 16 & 0xff);
  }
  return out;
}

/** Every hostile input, built fresh (some are megabytes). */
export function hostileInputs(): HostileInput[] {
  const nested = (depth: number) => `${'${a:-'.repeat(depth)}z${'}'.repeat(depth)}`;
  return [
    { name: 'empty', text: '' },
    { name: '1 MB single line', text: `FROM alpine\nRUN echo $A ${'abcd '.repeat(200_000)} \${B:-c}` },
    { name: '20,000 variables on one line', text: `FROM alpine\nRUN echo ${'a $B '.repeat(20_000)}` },
    { name: '1 MB single line, no spaces', text: `FROM ${'x'.repeat(1_000_000)}` },
    { name: 'NUL bytes', text: 'FROM alpine\0\nRUN \0\0echo $\0X\nENV \0=\0\n\0' },
    { name: 'binary junk', text: junk(65_536, 7) },
    { name: 'binary junk after FROM', text: `FROM alpine\nRUN ${junk(65_536, 11)}` },
    { name: 'unterminated quotes', text: 'FROM alpine\nENV A="abc\nRUN echo \'x\nLABEL a="b\nARG C=\'d' },
    { name: 'unterminated JSON', text: 'FROM alpine\nCMD ["a", "b"\nENTRYPOINT ["x\nSHELL [\nRUN ["\\' },
    { name: 'unterminated heredoc', text: 'FROM alpine\nRUN <<EOF\necho hi\nCOPY <<A <<B /x\na\n' },
    { name: 'unterminated variable', text: 'FROM alpine\nARG A=${B:-${C\nRUN echo ${\nENV X=$' },
    {
      name: '10,000 continuation lines',
      text: `FROM alpine\nRUN --mount=type=cache,target=/x echo $A \\\n${'    && echo "$B" ${C:-d} \\\n'.repeat(10_000)}    && true\n`,
    },
    { name: 'deeply nested ${a:-${b:-...}} (500)', text: `FROM alpine\nARG X=${nested(500)}\nRUN echo $X ${nested(500)}` },
    { name: 'deeply nested ${a:-${b:-...}} (5,000)', text: `FROM alpine\nARG X=${nested(5000)}\nRUN echo $X` },
    // Backtracking wildcards (issue 9): seven stars against a run that never ends in `b`.
    ...['%%', '##', '%', '#', '/', '//'].map((op) => ({
      name: `\${A${op}*a*a*a*a*a*a*b} over 80 a's`,
      text: `ARG A=${'a'.repeat(80)}\nARG B=\${A${op}*a*a*a*a*a*a*b${op.startsWith('/') ? '/x' : ''}}\nFROM alpine:$B\n`,
    })),
    { name: '.dockerignore *a*a*a*a*a*a*b, COPY 80 a\'s', text: `FROM alpine\nCOPY ${'a'.repeat(80)} /x\n`, files: { '.dockerignore': '*a*a*a*a*a*a*b\n' } },
    { name: 'directive with 100,000 spaces', text: `# syntax=x${' '.repeat(100_000)}y\nFROM alpine\n` },
    { name: 'escape directive and CRLF', text: '# escape=`\r\nFROM alpine\r\nRUN echo a `\r\n  b\r\nONBUILD RUN --mount=type=bind echo $X\r\n' },
  ];
}
