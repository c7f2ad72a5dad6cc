import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readShell, setsPipefail, type ShellOptions } from '../../server/src/service/shell';

/** One line per command: `[wrappers] name args | redirects`, with `|` marks for pipes. */
function render(text: string, options?: ShellOptions): string {
  const script = readShell(text, options);
  const lines = script.commands.map((c) => {
    const parts = [
      c.inPipe ? (c.pipesOut ? 'pipe>' : '>pipe') : '',
      c.wrappers.length > 0 ? `[${c.wrappers.join(' ')}]` : '',
      c.assignments.map((a) => a.value).join(' '),
      c.name,
      c.args.map((a) => a.value).join(' '),
      c.redirects.length > 0 ? `{${c.redirects.map((r) => r.value).join(' ')}}` : '',
    ];
    return `${parts.filter((p) => p !== '').join(' ')} @${c.start}-${c.end}`;
  });
  return lines.join('\n');
}

test('splits on && || ; | & and newlines', () => {
  assert.equal(
    render('apt-get update && apt-get install -y curl || true; echo a | tee b & wait\nls'),
    [
      'apt-get update @0-14',
      'apt-get install -y curl @18-41',
      'true @45-49',
      'pipe> echo a @51-57',
      '>pipe tee b @60-65',
      'wait @68-72',
      'ls @73-75',
    ].join('\n'),
  );
});

test('quotes are removed from values; $(...), ${...} and backticks stay in one word', () => {
  assert.equal(
    render(`pip install 'a<2' "b==\\"1\\"" $(cat req.txt | xargs) \${PKGS:-x y} \`date +%s\``),
    'pip install a<2 b=="1" $(cat req.txt | xargs) ${PKGS:-x y} `date +%s` @0-75',
  );
});

test('sudo, env and assignments are stripped before the command name', () => {
  assert.equal(
    render('sudo -u root -E env -u X DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get -y install x\nA=1 B=2 make'),
    ['[sudo env] DEBIAN_FRONTEND=noninteractive apt-get -y install x @0-85', 'A=1 B=2 make @86-98'].join('\n'),
  );
});

test('redirections and their targets are not arguments', () => {
  assert.equal(
    render('apt-get install -y x > /dev/null 2>&1 &>log <in'),
    'apt-get install -y x {> /dev/null 2>&1 &> log < in} @0-47',
  );
});

test('Dockerfile continuations drop blank and comment lines; the escape can be a backtick', () => {
  assert.equal(
    render('apk add \\\n  # a comment\n\n  curl \\\n  git && \\\n  echo done', { dockerfile: true }),
    ['apk add curl git @0-39', 'echo done @47-56'].join('\n'),
  );
  assert.equal(render('a `\n b', { dockerfile: true, escape: '`' }), 'a b @0-6');
});

test('comments, reserved words and here-document bodies', () => {
  assert.equal(
    render('# setup\nif [ -f x ]; then apt-get update; fi\ncat <<EOF > /etc/x\napt-get install y\nEOF\n{ echo a; }'),
    [
      '[ -f x ] @8-19',
      'apt-get update @21-40',
      'cat {<<EOF > /etc/x} @45-63',
      'echo a @86-94',
    ].join('\n'),
  );
});

test('subshells and || are not pipes; pipefail is found when set before', () => {
  const script = readShell('set -euxo pipefail; (cd /x && make) || exit 1; curl x | sh');
  assert.equal(script.hasPipe, true);
  assert.equal(setsPipefail(script, 50), true);
  assert.equal(setsPipefail(readShell('curl x | sh; set -o pipefail'), 5), false);
  assert.equal(readShell('a || b').hasPipe, false);
});
