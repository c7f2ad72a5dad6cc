/**
 * InstructionModel over a dockerfile-ast node. Everything beyond keyword and ranges is computed
 * on first use and kept, so a 50,000-line file costs only what the handlers actually read.
 */
import {
  Arg,
  Env,
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
import type {
  ArgumentForm,
  ArgumentModel,
  FlagModel,
  HeredocModel,
  InstructionModel,
  MountModel,
  PropertyModel,
  VariableRefModel,
} from './types';

/** Instructions whose arguments may be a JSON array (exec form). */
const EXEC_CAPABLE = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME', 'HEALTHCHECK']);

/** Instructions whose leading `--name` words are flags (BuildKit reads flags on these). */
const FLAG_CAPABLE = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

/** `${NAME<modifier><word>}` read from the text (dockerfile-ast drops the `:` of `:-`). */
const MODIFIER = /^\$\{[A-Za-z0-9_]+(:?[-+?]|##?|%%?|\/\/?)([\s\S]*)\}$/;

/** A lazily computed model of one instruction. */
export class LazyInstruction implements InstructionModel {
  readonly keyword: string;
  readonly keywordText: string;
  readonly keywordRange: Range;
  readonly range: Range;
  readonly trigger: InstructionModel | null;
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
  } = {};

  constructor(
    readonly node: AstInstruction,
    private readonly document: TextDocument,
    readonly stageIndex: number,
    readonly parent: InstructionModel | null,
  ) {
    this.keyword = node.getKeyword();
    this.keywordText = node.getInstruction();
    this.keywordRange = node.getInstructionRange();
    this.range = node.getRange();
    const triggerNode = node instanceof Onbuild ? node.getTriggerInstruction() : null;
    this.trigger = triggerNode ? new LazyInstruction(triggerNode, document, stageIndex, this) : null;
  }

  get flags(): FlagModel[] {
    return (this.cache.flags ??=
      this.node instanceof ModifiableInstruction && FLAG_CAPABLE.has(this.keyword) ? this.node.getFlags().map(toFlag) : []);
  }

  get args(): ArgumentModel[] {
    return (this.cache.args ??= this.node.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() })));
  }

  get heredocs(): HeredocModel[] {
    return (this.cache.heredocs ??= readHeredocs(this.node, this.document));
  }

  /** Argument text after the flags, continuation lines joined, heredoc bodies left out. */
  get argsText(): string {
    if (this.cache.argsText !== undefined) return this.cache.argsText;
    const first = this.args[0];
    if (!first) return (this.cache.argsText = '');
    const bodyStart = this.heredocs.find((h) => h.contentRange ?? h.endRange);
    const stopLine = bodyStart ? (bodyStart.contentRange ?? bodyStart.endRange)!.start.line : Number.MAX_SAFE_INTEGER;
    const text = this.document.getText();
    const startOffset = this.document.offsetAt(first.range.start);
    let out = '';
    for (const range of this.node.getArgumentsRanges()) {
      if (range.start.line >= stopLine) break;
      const from = Math.max(this.document.offsetAt(range.start), startOffset);
      const to = this.document.offsetAt(range.end);
      if (to > from) out += text.substring(from, to);
    }
    return (this.cache.argsText = out);
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
    const props: Property[] = node instanceof Arg || node instanceof Env || node instanceof Label ? node.getProperties() : [];
    return (this.cache.properties = props.map(toProperty));
  }

  get mounts(): MountModel[] {
    return (this.cache.mounts ??= this.flags.filter((f) => f.name.toLowerCase() === 'mount').map(toMount));
  }

  get variables(): VariableRefModel[] {
    return (this.cache.variables ??= this.node.getVariables().map((v) => {
      const modifier = MODIFIER.exec(this.document.getText(v.getRange()));
      return {
        name: v.getName(),
        range: v.getRange(),
        nameRange: v.getNameRange(),
        modifier: modifier ? modifier[1] : null,
        modifierValue: modifier ? modifier[2] : null,
      };
    }));
  }

  /** Exec form when the arguments parse as a JSON array of strings, as BuildKit decides. */
  private readForm(): void {
    if (!EXEC_CAPABLE.has(this.keyword)) {
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

/** Decodes a JSON array of strings, or null when the text is not one. */
export function parseJsonStrings(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

function toFlag(flag: Flag): FlagModel {
  const value = flag.getValue();
  return {
    name: flag.getName(),
    value,
    range: flag.getRange(),
    nameRange: flag.getNameRange(),
    valueRange: flag.getValueRange(),
    options:
      value !== null && value.includes('=')
        ? flag.getOptions().map((o) => ({
            name: o.getName(),
            value: o.getValue(),
            range: o.getRange(),
            nameRange: o.getNameRange(),
            valueRange: o.getValueRange(),
          }))
        : [],
  };
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

function toProperty(property: Property): PropertyModel {
  return {
    name: property.getName(),
    value: property.getValue(),
    nameRange: property.getNameRange(),
    valueRange: property.getValueRange(),
    range: property.getRange(),
    legacyForm: property.getAssignmentOperator() === null && property.getValue() !== null,
  };
}

function readHeredocs(node: AstInstruction, document: TextDocument): HeredocModel[] {
  // getHeredocs() is public on Run and Copy and protected on the base class; every instruction has it.
  const heredocs = (node as unknown as { getHeredocs(): Heredoc[] }).getHeredocs();
  return heredocs.map((h) => {
    const marker = document.getText(h.getStartRange());
    const contentRange = h.getContentRange();
    return {
      name: h.getName(),
      markerRange: h.getStartRange(),
      nameRange: h.getNameRange(),
      contentRange,
      endRange: h.getDelimiterRange(),
      stripTabs: marker.startsWith('<<-'),
      quoted: /^<<-?["']/.test(marker),
      // BuildKit's heredoc content ends with the newline before the delimiter.
      content: contentRange ? `${document.getText(contentRange)}\n` : '',
    };
  });
}
