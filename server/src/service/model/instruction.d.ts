/**
 * InstructionModel over a dockerfile-ast node. Everything beyond keyword and ranges is computed
 * on first use and kept, so a 50,000-line file costs only what the handlers actually read.
 */
import { From, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArgumentForm, ArgumentModel, FlagModel, HeredocModel, InstructionModel, MountModel, PropertyModel, VariableRefModel } from './types';
/** What a FROM says about its stage. */
export interface FromParts {
    baseText: string;
    baseRange: Range | null;
    name: string | null;
    nameRange: Range | null;
}
/** A lazily computed model of one instruction. */
export declare class LazyInstruction implements InstructionModel {
    readonly node: AstInstruction;
    private readonly document;
    private lineOffset;
    stageIndex: number;
    readonly parent: InstructionModel | null;
    readonly keyword: string;
    readonly keywordText: string;
    keywordRange: Range;
    range: Range;
    readonly trigger: LazyInstruction | null;
    private cache;
    /**
     * `document` is the text the node was parsed from (a region of the file when re-parsing
     * incrementally); `lineOffset` is added to every line the node reports. `stageIndex` is
     * reassigned when an edit elsewhere adds or removes a stage.
     */
    constructor(node: AstInstruction, document: TextDocument, lineOffset: number, stageIndex: number, parent: InstructionModel | null);
    /** Moves the instruction down (or up) by `delta` lines: lines were added or removed above it. */
    moveBy(delta: number): void;
    /** Puts the instruction (and its ONBUILD trigger) in a stage. */
    setStage(stageIndex: number): void;
    /** A node range moved to document lines. */
    private shift;
    private shiftOrNull;
    /** FROM's image and stage name with their ranges, read once (each dockerfile-ast getter works them out anew). */
    fromParts(node: From): FromParts;
    /** A range the dockerfile-ast node reports, moved to document lines. */
    documentRange(range: Range | null): Range | null;
    get flags(): FlagModel[];
    /** Arguments before any heredoc body: a body's lines are content, not arguments. */
    get args(): ArgumentModel[];
    /** The node's argument words that come before the first heredoc body (node-relative ranges). */
    private ownArguments;
    get heredocs(): HeredocModel[];
    /**
     * Argument text after the flags, heredoc bodies left out, with continuation lines joined the
     * way BuildKit joins them: escape character and trailing blanks removed, comment lines and
     * blank lines dropped, the leading whitespace of continuation lines kept.
     */
    get argsText(): string;
    get form(): ArgumentForm;
    get execArgs(): string[] | null;
    get properties(): PropertyModel[];
    get mounts(): MountModel[];
    get variables(): VariableRefModel[];
    private toFlag;
    /**
     * `ARG a b=1` declares two ARGs; dockerfile-ast reads it as ENV's legacy `name value` form, so
     * the words after the first are split into declarations of their own, as BuildKit does.
     */
    private splitArgWords;
    private toProperty;
    private readHeredocs;
    /** Exec form when the arguments parse as a JSON array of strings, as BuildKit decides. */
    private readForm;
}
/** Joins an instruction's physical lines into BuildKit's logical line. */
export declare function joinContinuationLines(raw: string, escapeChar: string): string;
/** Decodes a JSON array of strings, or null when the text is not one. */
export declare function parseJsonStrings(text: string): string[] | null;
