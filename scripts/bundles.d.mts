import type { BuildOptions } from 'esbuild';

export declare const MAX_BUNDLE_BYTES: number;
export declare function bundles(production: boolean): Record<'cli' | 'extension', BuildOptions>;
export declare function bundleBytes(): Promise<Record<'cli' | 'extension', number>>;
