/**
 * One writer, two outputs: the same documentation renders as markdown for editors that show it
 * and as plain text for those that do not. Data text uses a small markdown subset (`code`,
 * **bold**, pipe tables, "- " bullets) that the plain writer strips to readable text.
 */
import type { DocEntry } from './data/types';
/** The two renderings an LSP client may ask for. */
export type MarkupFormat = 'markdown' | 'plaintext';
/** Collects blocks of documentation and joins them in the requested format. */
export declare class MarkupWriter {
    readonly format: MarkupFormat;
    private readonly blocks;
    constructor(format: MarkupFormat);
    /** A title line. */
    heading(text: string): this;
    /** A paragraph of data text (markdown subset). */
    paragraph(text: string): this;
    /** A labelled paragraph such as "Layer cache: ...". */
    labelled(label: string, text: string): this;
    /** A block of code, Dockerfile unless another language is named. */
    code(lines: string[] | string, language?: string): this;
    /** A bulleted list, optionally under a label. */
    list(items: string[], label?: string): this;
    /** A titled section whose body is data text. */
    section(title: string, body: string): this;
    /** The reference link. */
    link(label: string, url: string): this;
    /** Inline code inside a sentence we compose. */
    inline(text: string): string;
    toString(): string;
    private plain;
}
/** Renders a documentation entry: summary, syntax, build/run, cache, sections, example, pitfalls, link. */
export declare function writeDocEntry(writer: MarkupWriter, title: string, entry: DocEntry, details: boolean, preface?: string): MarkupWriter;
