/**
 * `specplan hooks install|uninstall`: the pre-commit hook that runs `check-frozen --staged`. The
 * hook lives in git's hooks folder, so the repository layer does all of it.
 */
export { installHook, uninstallHook } from '../repo/hooks.js';
