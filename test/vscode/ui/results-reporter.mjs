// A node:test reporter that writes one JSON array of the leaf tests' outcomes, for run.mjs's
// summary: { name, status: 'pass'|'fail', todo, skip, error }.
export default async function* resultsReporter(source) {
  const tests = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    if (data.details?.type === 'suite' || !data.file) continue;
    tests.push({
      name: data.name,
      status: event.type === 'test:pass' ? 'pass' : 'fail',
      todo: typeof data.todo === 'string' ? data.todo : data.todo ? 'todo' : undefined,
      skip: data.skip || undefined,
      error: data.details?.error ? String(data.details.error.cause ?? data.details.error.message) : undefined,
    });
  }
  yield `${JSON.stringify(tests, null, 2)}\n`;
}
