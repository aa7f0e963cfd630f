/** The version of this package (`--version`, the MCP server's info), read beside the installed package. */
export { packageVersion } from '../repo/package-info.js';
