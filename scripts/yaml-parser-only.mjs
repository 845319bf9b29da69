// What the bundles get for `yaml`: only the CST parser and scalar folding that src/core/config/yamlTree.ts uses,
// taken from the package's ES module files so its Document layer (schemas, stringifier; ~80 KB) stays out.
// Importing anything else from 'yaml' in src/ fails the build ("No matching export").
import { resolveAsScalar } from '../node_modules/yaml/browser/dist/parse/cst-scalar.js';

export { Parser } from '../node_modules/yaml/browser/dist/parse/parser.js';
export const CST = { resolveAsScalar };
