/**
 * InstructionModel over a dockerfile-ast node. Everything beyond keyword and ranges is computed
 * on first use and kept, so a 50,000-line file costs only what the handlers actually read.
 */
import {
  Arg,
  Env,
  From,
  Label,
  ModifiableInstruction,
  Onbuild,
  type Flag,
  type Heredoc,
  type Instruction as AstInstruction,
  type Property,
} from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { acceptsForm, takesFlags } from '../data';
import { scanVariableRefs } from './variableRefs';
import { guarded } from './astGuard';
import type {
  ArgumentForm,
  ArgumentModel,
  FlagModel,
  HeredocModel,
  InstructionModel,
  MountModel,
  ParserFault,
  PropertyModel,
  VariableRefModel,
} from './types';

/** What a FROM says about its stage. */
export interface FromParts {
  baseText: string;
  baseRange: Range | null;
  name: string | null;
  nameRange: Range | null;
}

/** A zero-width range at a position. */
function rangeAt(position: { line: number; character: number }): Range {
  return { start: position, end: position };
}

/** A lazily computed model of one instruction. */
export class LazyInstruction implements InstructionModel {
  readonly keyword: string;
  readonly keywordText: string;
  keywordRange: Range;
  range: Range;
  readonly trigger: LazyInstruction | null;
  // Kept across moveBy: the node's text never changes, so neither do the parts it fails on.
  private readonly faults: ParserFault[] = [];
  private cache: {
    flags?: FlagModel[];
    args?: ArgumentModel[];
    argsText?: string;
    form?: ArgumentForm;
    execArgs?: string[] | null;
    heredocs?: HeredocModel[];
    properties?: PropertyModel[];
    mounts?: MountModel[];
    variables?: VariableRefModel[];
    fromParts?: FromParts;
  } = {};

  /**
   * `document` is the text the node was parsed from (a region of the file when re-parsing
   * incrementally); `lineOffset` is added to every line the node reports. `stageIndex` is
   * reassigned when an edit elsewhere adds or removes a stage.
   */
  constructor(
    readonly node: AstInstruction,
    private readonly document: TextDocument,
    private lineOffset: number,
    public stageIndex: number,
    readonly parent: InstructionModel | null,
  ) {
    this.keyword = node.getKeyword();
    this.keywordText = node.getInstruction();
    this.keywordRange = this.shift(node.getInstructionRange());
    this.range = this.shift(node.getRange());
    // Only an ONBUILD's own trigger is modelled: BuildKit rejects `ONBUILD ONBUILD` (a rule
    // reports it from the trigger's keyword), and each level re-parses the rest of the line, so
    // 10,000 chained ONBUILDs took minutes.
    const triggerNode = node instanceof Onbuild && parent === null ? guarded(this.faults, 'trigger', () => node.getTriggerInstruction(), null) : null;
    this.trigger = triggerNode ? new LazyInstruction(triggerNode, document, lineOffset, stageIndex, this) : null;
  }

  /** Moves the instruction down (or up) by `delta` lines: lines were added or removed above it. */
  moveBy(delta: number): void {
    if (delta === 0) return;
    this.trigger?.moveBy(delta);
    this.lineOffset += delta;
    this.keywordRange = this.shift(this.node.getInstructionRange());
    this.range = this.shift(this.node.getRange());
    this.cache = {};
  }

  /** Puts the instruction (and its ONBUILD trigger) in a stage. */
  setStage(stageIndex: number): void {
    this.stageIndex = stageIndex;
    this.trigger?.setStage(stageIndex);
  }

  /** A node range moved to document lines. */
  private shift = (range: Range): Range =>
    this.lineOffset === 0
      ? range
      : {
          start: { line: range.start.line + this.lineOffset, character: range.start.character },
          end: { line: range.end.line + this.lineOffset, character: range.end.character },
        };

  private shiftOrNull = (range: Range | null): Range | null => (range ? this.shift(range) : null);

  /** FROM's image and stage name with their ranges, read once (each dockerfile-ast getter works them out anew). */
  fromParts(node: From): FromParts {
    return (this.cache.fromParts ??= guarded(
      this.faults,
      'image',
      () => ({
        baseText: node.getImage() ?? '',
        baseRange: this.shiftOrNull(node.getImageRange()),
        name: node.getBuildStage(),
        nameRange: this.shiftOrNull(node.getBuildStageRange()),
      }),
      { baseText: '', baseRange: null, name: null, nameRange: null },
    ));
  }

  /** A range the dockerfile-ast node reports, moved to document lines. */
  documentRange(range: Range | null): Range | null {
    return this.shiftOrNull(range);
  }

  get flags(): FlagModel[] {
    const node = this.node;
    return (this.cache.flags ??=
      node instanceof ModifiableInstruction && takesFlags(this.keyword)
        ? guarded(this.faults, 'flags', () => node.getFlags().map((f) => this.toFlag(f)), [])
        : []);
  }

  /** Arguments before any heredoc body: a body's lines are content, not arguments. */
  get args(): ArgumentModel[] {
    return (this.cache.args ??= this.ownArguments().map((a) => ({ value: a.getValue(), range: this.shift(a.getRange()) })));
  }

  /** The node's argument words that come before the first heredoc body (node-relative ranges). */
  private ownArguments(): ReturnType<AstInstruction['getArguments']> {
    const all = guarded(this.faults, 'arguments', () => this.node.getArguments(), []);
    const body = this.heredocs.find((h) => h.contentRange ?? h.endRange);
    if (!body) return all;
    const stopLine = (body.contentRange ?? body.endRange)!.start.line - this.lineOffset;
    return all.filter((a) => a.getRange().start.line < stopLine);
  }

  get heredocs(): HeredocModel[] {
    // BuildKit reads heredocs only where data/ lists the form (RUN, COPY, ADD); elsewhere `<<X` is plain text.
    return (this.cache.heredocs ??= acceptsForm(this.keyword, 'heredoc') ? this.readHeredocs() : []);
  }

  /**
   * Argument text after the flags, heredoc bodies left out, with continuation lines joined the
   * way BuildKit joins them: escape character and trailing blanks removed, comment lines and
   * blank lines dropped, the leading whitespace of continuation lines kept.
   */
  get argsText(): string {
    if (this.cache.argsText !== undefined) return this.cache.argsText;
    // Node-relative ranges: this.document is the text the node was parsed from.
    const args = this.ownArguments();
    if (args.length === 0) return (this.cache.argsText = '');
    const first = args[0].getRange();
    const last = args[args.length - 1].getRange();
    const raw = this.document.getText({ start: first.start, end: last.end });
    return (this.cache.argsText = joinContinuationLines(raw, escapeCharOf(this.node)));
  }

  get form(): ArgumentForm {
    if (this.cache.form === undefined) this.readForm();
    return this.cache.form!;
  }

  get execArgs(): string[] | null {
    if (this.cache.form === undefined) this.readForm();
    return this.cache.execArgs!;
  }

  get properties(): PropertyModel[] {
    if (this.cache.properties) return this.cache.properties;
    const node = this.node;
    const properties =
      node instanceof Arg || node instanceof Env || node instanceof Label
        ? guarded(this.faults, 'properties', () => node.getProperties().map((p: Property) => this.toProperty(p)), [])
        : [];
    return (this.cache.properties = node instanceof Arg ? properties.flatMap((p) => this.splitArgWords(p)) : properties);
  }

  get mounts(): MountModel[] {
    return (this.cache.mounts ??= this.flags.filter((f) => f.name.toLowerCase() === 'mount').map(toMount));
  }

  get variables(): VariableRefModel[] {
    if (this.cache.variables) return this.cache.variables;
    // An ONBUILD's references belong to its trigger, which runs in another build.
    if (this.trigger || this.keyword === 'ONBUILD') return (this.cache.variables = []);
    const start = this.node.getInstructionRange().end;
    const text = this.document.getText({ start, end: this.node.getRange().end });
    const refs = scanVariableRefs(text, start.line + this.lineOffset, start.character, escapeCharOf(this.node));
    return (this.cache.variables = refs);
  }

  private toFlag(flag: Flag): FlagModel {
    const value = flag.getValue();
    return {
      name: flag.getName(),
      value,
      range: this.shift(flag.getRange()),
      nameRange: this.shift(flag.getNameRange()),
      valueRange: this.shiftOrNull(flag.getValueRange()),
      options:
        value !== null && value.includes('=')
          ? flag.getOptions().map((o) => ({
              name: o.getName(),
              value: o.getValue(),
              range: this.shift(o.getRange()),
              nameRange: this.shift(o.getNameRange()),
              valueRange: this.shiftOrNull(o.getValueRange()),
            }))
          : [],
    };
  }

  /**
   * `ARG a b=1` declares two ARGs; dockerfile-ast reads it as ENV's legacy `name value` form, so
   * the words after the first are split into declarations of their own, as BuildKit does.
   */
  private splitArgWords(property: PropertyModel): PropertyModel[] {
    if (!property.legacyForm || !property.valueRange) return [property];
    const first: PropertyModel = { ...property, value: null, valueRange: null, range: property.nameRange, legacyForm: false };
    const local = { start: { line: property.valueRange.start.line - this.lineOffset, character: property.valueRange.start.character }, end: { line: property.valueRange.end.line - this.lineOffset, character: property.valueRange.end.character } };
    const base = this.document.offsetAt(local.start);
    const text = this.document.getText(local);
    const at = (offset: number) => this.shift(rangeAt(this.document.positionAt(base + offset)));
    const words: PropertyModel[] = [first];
    for (const match of text.matchAll(/(?:"[^"]*"|'[^']*'|\S)+/g)) {
      const word = match[0];
      const start = match.index;
      const eq = word.indexOf('=');
      const nameEnd = eq < 0 ? word.length : eq;
      words.push({
        name: word.slice(0, nameEnd),
        value: eq < 0 ? null : word.slice(eq + 1),
        nameRange: { start: at(start).start, end: at(start + nameEnd).start },
        valueRange: eq < 0 ? null : { start: at(eq + 1 + start).start, end: at(start + word.length).start },
        range: { start: at(start).start, end: at(start + word.length).start },
        legacyForm: false,
      });
    }
    return words;
  }

  private toProperty(property: Property): PropertyModel {
    return {
      name: property.getName(),
      value: property.getValue(),
      nameRange: this.shift(property.getNameRange()),
      valueRange: this.shiftOrNull(property.getValueRange()),
      range: this.shift(property.getRange()),
      legacyForm: property.getAssignmentOperator() === null && property.getValue() !== null,
    };
  }

  private allPartsRead = false;

  /**
   * Reads every part once and returns those the parser failed on. The fallback of a failed part
   * is empty: for heredocs (0.7.1 throws only when the instruction declares none) that is right.
   */
  parserFaults(): ParserFault[] {
    // Every lint asks every instruction; the parts are read once per instruction object.
    if (!this.allPartsRead) {
      void [this.flags, this.args, this.argsText, this.heredocs, this.properties, this.variables];
      if (this.node instanceof From) this.fromParts(this.node);
      this.allPartsRead = true;
    }
    const trigger = this.trigger?.parserFaults() ?? [];
    return trigger.length === 0 ? this.faults : [...this.faults, ...trigger.map((f) => ({ ...f, part: `trigger ${f.part}` }))];
  }

  private readHeredocs(): HeredocModel[] {
    return guarded(this.faults, 'heredocs', () => this.readHeredocsUnguarded(), []);
  }

  private readHeredocsUnguarded(): HeredocModel[] {
    const node = this.node;
    const document = this.document;
    // getHeredocs() is public on Run and Copy and protected on the base class; every instruction has it.
    const heredocs = (node as unknown as { getHeredocs(): Heredoc[] }).getHeredocs();
    return heredocs.map((h) => {
      const marker = document.getText(h.getStartRange());
      const contentRange = h.getContentRange();
      return {
        name: h.getName(),
        markerRange: this.shift(h.getStartRange()),
        nameRange: this.shift(h.getNameRange()),
        contentRange: this.shiftOrNull(contentRange),
        endRange: this.shiftOrNull(h.getDelimiterRange()),
        stripTabs: marker.startsWith('<<-'),
        quoted: /^<<-?["']/.test(marker),
        // BuildKit's heredoc content ends with the newline before the delimiter.
        content: contentRange ? `${document.getText(contentRange)}\n` : '',
      };
    });
  }

  /** Exec form when the arguments parse as a JSON array of strings, as BuildKit decides. */
  private readForm(): void {
    if (!acceptsForm(this.keyword, 'exec')) {
      this.cache.form = 'none';
      this.cache.execArgs = null;
      return;
    }
    let text = this.argsText.trim();
    if (this.keyword === 'HEALTHCHECK') text = text.replace(/^CMD\s+/i, '');
    const parsed = text.startsWith('[') ? parseJsonStrings(text) : null;
    this.cache.form = parsed ? 'exec' : text === '' ? 'none' : 'shell';
    this.cache.execArgs = parsed;
  }
}

/** The escape character dockerfile-ast parsed the node with (a protected field there). */
function escapeCharOf(node: AstInstruction): string {
  return (node as unknown as { escapeChar?: string }).escapeChar ?? '\\';
}

/** Joins an instruction's physical lines into BuildKit's logical line. */
export function joinContinuationLines(raw: string, escapeChar: string): string {
  if (!raw.includes('\n')) return raw;
  const e = escapeChar === '`' ? '`' : '\\\\';
  // BuildKit's lineContinuationRegex: an escape that is itself escaped does not continue.
  const continuation = new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
  const lines = raw.split('\n');
  let out = lines[0].replace(/\r$/, '').replace(continuation, '$1');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    out += line.replace(continuation, '$1');
  }
  return out;
}

/** Decodes a JSON array of strings, or null when the text is not one. */
export function parseJsonStrings(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

function toMount(flag: FlagModel): MountModel {
  const typeOption = flag.options.find((o) => o.name.toLowerCase() === 'type');
  return {
    flag,
    type: typeOption?.value?.toLowerCase() ?? 'bind',
    typeRange: typeOption?.valueRange ?? null,
    options: flag.options,
  };
}

