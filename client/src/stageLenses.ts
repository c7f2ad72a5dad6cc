/**
 * The code lens "Build and run this stage" above each FROM, at the stages the server's step plan
 * names (so it agrees with the model about continuations, heredocs and the escape character).
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { targetChoices } from './docker/options';

/** Lenses over each stage's FROM line that build and run that stage. */
export class StageLenses implements vscode.CodeLensProvider {
  constructor(private readonly ctx: Ctx) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    // Quiet: a lens is not worth a message when the server is (re)starting.
    const plan = await this.ctx.builds.plan(document.uri, null, true);
    if (!plan) return [];
    const { labels } = targetChoices(plan);
    return plan.stages.map((stage, i) => {
      const range = new vscode.Range(stage.line, 0, stage.line, 0);
      return new vscode.CodeLens(range, { title: '$(play) Build and run this stage', command: 'dockerfileStudio.buildAndRun', arguments: [document.uri, labels[i]] });
    });
  }
}
