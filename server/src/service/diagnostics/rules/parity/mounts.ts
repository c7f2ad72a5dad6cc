/**
 * Builder parity for `RUN --mount=...`: the mount type, its keys and their values, checked
 * against MOUNT_TYPES in data/ (aliases such as `dst` and `ro` included).
 */
import { MOUNT_TYPES, REFERENCE, getMountOption, getMountType } from '../../../data';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { closest, didYouMean, excerpt, quoted } from '../../ruleKit';
import { valueProblem } from './flags';

const URL = `${REFERENCE}#run---mount`;

// BuildKit reads every key the same way whatever the type; only a key no type knows is refused.
const ALL_KEYS = new Set(MOUNT_TYPES.flatMap((t) => t.options.flatMap((o) => [o.name, ...(o.aliases ?? [])].map((k) => k.toLowerCase()))));

/**
 * Keys BuildKit refuses on types they do not belong to (other keys such as `id` or `source`
 * are accepted and ignored there): BuildKit's own validation of mounts.
 */
const TYPE_SPECIFIC = new Set(['required', 'size', 'mode', 'uid', 'gid', 'sharing']);

function refusedForType(type: string, key: string): boolean {
  if (type === 'secret' && key === 'from') return true;
  return TYPE_SPECIFIC.has(key) && getMountOption(type, key) === undefined;
}

export const unknownMountOption: Rule = defineRule({
  id: 'unknown-mount-option',
  title: 'Unknown mount option',
  severity: 'error',
  url: URL,
  docs: {
    catches: 'A key in `RUN --mount=...` that no mount type has, usually a typo (`taget=`, `shared=`), or a key the builder refuses on this type (`sharing` off a cache mount, `mode`/`uid`/`gid` on bind and tmpfs, `size` off tmpfs, `required` off secret and ssh, `from` on a secret).',
    why: 'The builder refuses the file on an unexpected key instead of ignoring it.',
    bad: 'FROM alpine\nRUN --mount=type=cache,taget=/var/cache/apk apk add git',
    good: 'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add git',
    buildOutput: "dockerfile parse error on line 2: unexpected key 'taget' in 'taget=/var/cache/apk'",
  },
  checkInstruction(instruction, { report }) {
    for (const mount of instruction.mounts) {
      const type = getMountType(mount.type);
      if (!type) continue;
      for (const option of mount.options) {
        const key = option.name.toLowerCase();
        if (refusedForType(type.type, key)) {
          report(option.nameRange, `${quoted(option.name)} is not allowed on a ${type.type} mount`);
          continue;
        }
        if (ALL_KEYS.has(key)) continue;
        const keys = type.options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
        const suggestion = closest(option.name, keys);
        report(option.nameRange, `Unknown key ${quoted(option.name)} in a ${type.type} mount${didYouMean(suggestion)}`, {
          fixes: suggestion ? [{ title: `Change to ${suggestion}`, edits: [{ range: option.nameRange, newText: suggestion }], preferred: true }] : undefined,
        });
      }
    }
  },
});

export const invalidMountOptionValue: Rule = defineRule({
  id: 'invalid-mount-option-value',
  title: 'Invalid mount option value',
  severity: 'error',
  url: URL,
  docs: {
    catches: 'A mount type that does not exist, or a mount value of the wrong kind: `sharing` other than shared/private/locked, a `mode` that is not octal, a `uid`/`gid` that is not a number, a boolean that is not true/false, or a key that needs a value written bare.',
    why: 'The builder refuses the file before the step runs.',
    bad: 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache,sharing=exclusive make',
    good: 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache,sharing=locked make',
    buildOutput: 'dockerfile parse error on line 2: unsupported sharing value "exclusive"',
    notes: 'Values with variables are left alone: they are expanded at build time.',
  },
  checkInstruction(instruction, { report }) {
    for (const mount of instruction.mounts) {
      const type = getMountType(mount.type);
      if (!type) {
        if (!mount.type.includes('$')) {
          report(mount.typeRange ?? mount.flag.range, `Unknown mount type ${quoted(mount.type)} (use bind, cache, tmpfs, secret or ssh)`);
        }
        continue;
      }
      for (const option of mount.options) {
        const data = getMountOption(type.type, option.name);
        if (!data || data.name === 'type') continue;
        if (option.value === null) {
          if (data.valueKind !== 'boolean') report(option.range, `${quoted(option.name)} needs a value (${excerpt(option.name)}=<value>)`);
          continue;
        }
        if (option.value.includes('$')) continue;
        // BuildKit lower-cases enum values such as `sharing=LOCKED`.
        const value = data.valueKind === 'enum' ? option.value.toLowerCase() : option.value;
        const problem = valueProblem(data.valueKind, value, data.values, data.name);
        if (problem) report(option.valueRange ?? option.range, `${excerpt(option.name)}: ${problem}`);
      }
    }
  },
});

export const missingMountOption: Rule = defineRule({
  id: 'missing-mount-option',
  title: 'Missing mount option',
  severity: 'error',
  url: URL,
  docs: {
    catches: 'A secret mount that names no secret: none of `id`, `source` or `target` is given.',
    why: 'The builder cannot tell which secret to mount and refuses the step.',
    bad: 'FROM alpine\nRUN --mount=type=secret cat /run/secrets/token',
    good: 'FROM alpine\nRUN --mount=type=secret,id=token cat /run/secrets/token',
    buildOutput: 'invalid secret mount. one of source, target required',
    notes: 'A bind, cache or tmpfs mount without `target` is accepted by the builder (it mounts at the working directory), so it is not reported here.',
  },
  checkInstruction(instruction, { report }) {
    for (const mount of instruction.mounts) {
      if (mount.type !== 'secret') continue;
      const names = mount.options.map((o) => getMountOption('secret', o.name)?.name ?? o.name.toLowerCase());
      if (!names.some((n) => n === 'id' || n === 'source' || n === 'target' || n === 'src')) {
        report(mount.flag.range, 'A secret mount needs id=<secret id> (or target=<path>)');
      }
    }
  },
});

/** The rules of this file, in run order. */
export const MOUNT_RULES: Rule[] = [unknownMountOption, invalidMountOptionValue, missingMountOption];
