/** The names the configuration file may have at the root, preferred first (`specscore.yaml`; the others are legacy). */
export const CONFIG_FILE_NAMES = ['specscore.yaml', 'specscore-spec-repo.yaml', 'synchestra-spec-repo.yaml'] as const;
