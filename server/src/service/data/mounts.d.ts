/** The RUN --mount types and their keys, as BuildKit's mount parser accepts them. */
import type { MountTypeData } from './types';
export declare const MOUNT_TYPES: MountTypeData[];
