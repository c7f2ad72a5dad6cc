/**
 * dockerfile-ast reads an instruction's argument words by walking its text character by
 * character, and does so again on every call: its parser calls it three times per RUN/CMD/
 * ENTRYPOINT, and its own getters (getFlags, getImage, getImageRange, getBuildStage,
 * getHeredocs, ...) call it once more each. On a 1 MB line that was ~0.1 s a call and over a
 * second per file. A node's text never changes after parsing, so the words are read once per
 * node here and each caller gets its own copy of the list (ModifiableInstruction shifts the
 * flags off the list it is given).
 */
import { Instruction } from 'dockerfile-ast';

type ArgumentList = ReturnType<Instruction['getArguments']>;

interface RawArgumentsReader {
  getRawArguments(this: Instruction): ArgumentList;
}

const prototype = Instruction.prototype as unknown as RawArgumentsReader;
const read = prototype.getRawArguments;
const readOnce = new WeakMap<Instruction, ArgumentList>();

// dockerfile-ast is pinned (package.json); if a release renames the method, nothing is patched.
if (typeof read === 'function') {
  prototype.getRawArguments = function (this: Instruction): ArgumentList {
    let words = readOnce.get(this);
    if (!words) readOnce.set(this, (words = read.call(this)));
    return words.slice();
  };
}
