/**
 * One writer, two outputs: the same documentation renders as markdown for editors that show it
 * and as plain text for those that do not. Data text uses a small markdown subset (`code`,
 * **bold**, pipe tables, "- " bullets) that the plain writer strips to readable text.
 */
import type { DocEntry } from './data/types';
import { excerpt, MAX_QUOTED, showControls } from './safeText';

// Stands for a piece of document text in plain text until toString(): the markdown-stripping of
// data text must not rewrite it. Document text never holds a NUL here (showControls escapes it).
const SLOT = /\u0000(\d+)\u0000/g;

/** The two renderings an LSP client may ask for. */
export type MarkupFormat = 'markdown' | 'plaintext';

/** Collects blocks of documentation and joins them in the requested format. */
export class MarkupWriter {
  private readonly blocks: string[] = [];
  private readonly quoted: string[] = [];

  constructor(readonly format: MarkupFormat) {}

  /** A title line: data text, then optionally document text shown as code (`Stage` + a name). */
  heading(text: string, code?: string): this {
    const quoted = code === undefined ? '' : `${text ? ' ' : ''}${this.inline(code)}`;
    this.blocks.push(this.format === 'markdown' ? `**${text}${quoted}**` : this.plain(text) + quoted);
    return this;
  }

  /** A paragraph of data text (markdown subset). */
  paragraph(text: string): this {
    this.blocks.push(this.format === 'markdown' ? text : this.plain(text));
    return this;
  }

  /** A labelled paragraph such as "Layer cache: ...". */
  labelled(label: string, text: string): this {
    this.blocks.push(this.format === 'markdown' ? `**${label}:** ${text}` : `${label}: ${this.plain(text)}`);
    return this;
  }

  /** A block of code, Dockerfile unless another language is named. */
  code(lines: string[] | string, language = 'dockerfile'): this {
    const text = Array.isArray(lines) ? lines.join('\n') : lines;
    this.blocks.push(this.format === 'markdown' ? '```' + language + '\n' + text + '\n```' : indent(text));
    return this;
  }

  /** A bulleted list, optionally under a label. */
  list(items: string[], label?: string): this {
    if (items.length === 0) return this;
    const body = items.map((item) => `- ${this.format === 'markdown' ? item : this.plain(item)}`).join('\n');
    const title = label ? (this.format === 'markdown' ? `**${label}**\n\n` : `${label}\n`) : '';
    this.blocks.push(title + body);
    return this;
  }

  /** A titled section whose body is data text. */
  section(title: string, body: string): this {
    this.blocks.push(this.format === 'markdown' ? `**${title}**\n\n${body}` : `${title}\n${this.plain(body)}`);
    return this;
  }

  /** The reference link. */
  link(label: string, url: string): this {
    this.blocks.push(this.format === 'markdown' ? `[${label}](${url})` : `${label}: ${url}`);
    return this;
  }

  /**
   * Document text inside a sentence we compose: inline code in markdown, where it can never
   * render as a link, an image or HTML. The result is only meant for this writer's methods.
   */
  inline(text: string): string {
    // Values come from the document and can be a megabyte long; a hover shows their start. A line
    // break would end the code span's paragraph and let the rest render as markdown, and control
    // characters (bidirectional overrides) would disguise it.
    const shown = showControls(excerpt(text, MAX_QUOTED).replace(/\r\n?|\n/g, ' '));
    if (this.format !== 'markdown') {
      this.quoted.push(shown);
      return `\u0000${this.quoted.length - 1}\u0000`;
    }
    // The fence must be longer than any run of backticks inside (CommonMark code spans).
    const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${shown}${pad}${fence}`;
  }

  toString(): string {
    const text = this.blocks.join('\n\n');
    return this.format === 'markdown' ? text : text.replace(SLOT, (_m, index: string) => this.quoted[Number(index)]);
  }

  private plain(text: string): string {
    return text
      .replace(/```[a-z]*\n([\s\S]*?)```/g, (_m, body: string) => indent(body.replace(/\n$/, '')))
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Renders a documentation entry: summary, syntax, build/run, cache, sections, example, pitfalls, link. */
export function writeDocEntry(writer: MarkupWriter, title: string, entry: DocEntry, details: boolean, preface?: string): MarkupWriter {
  writer.heading(title);
  if (preface) writer.paragraph(preface);
  writer.paragraph(entry.summary);
  if (entry.syntax && entry.syntax.length > 0) writer.code(entry.syntax);
  if (details) {
    if (entry.buildVsRun) writer.labelled('Build time vs. container start', entry.buildVsRun);
    if (entry.cache) writer.labelled('Layer cache', entry.cache);
    for (const section of entry.sections ?? []) writer.section(section.title, section.body);
    if (entry.example) writer.heading('Example').code(entry.example);
    if (entry.pitfalls && entry.pitfalls.length > 0) writer.list(entry.pitfalls, 'Pitfalls');
  }
  if (entry.minSyntax) {
    const directive = writer.inline(`# syntax=docker/dockerfile:${entry.minSyntax}`);
    writer.paragraph(`Needs Dockerfile frontend ${entry.minSyntax} or later: ${directive}, or an engine whose built-in frontend is that recent.`);
  }
  return writer.link('Dockerfile reference', entry.link);
}
