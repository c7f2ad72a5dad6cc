/**
 * The build and run commands, each a factory over the context: "Build and Run", "Build Image",
 * "Rebuild Without Cache", "Run Last Built Image", "Stop Container". A command started from the
 * explorer or the editor menu gets the file's URI; from the palette, the active editor's file.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

const uriOf = (arg: unknown) => (arg instanceof vscode.Uri ? arg : undefined);

/** Builds and runs; a FROM code lens passes the stage to build. */
export const buildAndRun = (ctx: Ctx) => (uri?: unknown, target?: unknown) =>
  ctx.builds.buildAndMaybeRun({ uri: uriOf(uri), target: typeof target === 'string' ? target : undefined, run: true });

/** Builds without running. */
export const buildImage = (ctx: Ctx) => (uri?: unknown) => ctx.builds.buildAndMaybeRun({ uri: uriOf(uri), run: false });

/** Builds with `--no-cache`. */
export const rebuildNoCache = (ctx: Ctx) => (uri?: unknown) => ctx.builds.buildAndMaybeRun({ uri: uriOf(uri), noCache: true, run: false });

/** Runs the last image built from the Dockerfile. */
export const runLastImage = (ctx: Ctx) => (uri?: unknown) => ctx.builds.run(uriOf(uri));

/** Stops the Dockerfile's container. */
export const stopContainer = (ctx: Ctx) => (uri?: unknown) => ctx.builds.stop(uriOf(uri));
