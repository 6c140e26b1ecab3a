/** Kept for the modeler's browser tests, which import the build helper from here. */
export { designerDist, ensureDesignerBuilt, repoRoot } from '../../designer/build-if-stale.js';
