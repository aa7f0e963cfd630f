/** The source formats `import` reads. */
export const IMPORT_FORMATS = ['execplan', 'speckit', 'execution-plan'] as const;
/** One of `IMPORT_FORMATS`. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The targets `export` writes. */
export const EXPORT_FORMATS = ['work-items', 'execution-plan', 'taskmaster', 'github'] as const;
/** One of `EXPORT_FORMATS`. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
