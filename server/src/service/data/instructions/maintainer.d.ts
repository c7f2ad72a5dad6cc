import type { InstructionData } from '../types';
export declare const MAINTAINER: InstructionData;
